import { AppError, validationError } from '../appError.js';
import type { CoreDeps } from '../deps.js';

/** The models platform agents may use; without a provider, the clear `llm_not_configured` error. */
export function requirePlatformModels(deps: CoreDeps): readonly string[] {
  const models = deps.platformModels;
  if (!models || models.length === 0) {
    throw new AppError(
      'llm_not_configured',
      'Platform agents need a model provider: the operator must set PARLEY_LLM_BASE_URL (and PARLEY_LLM_MODELS)',
      { missing: ['PARLEY_LLM_BASE_URL', 'PARLEY_LLM_MODELS'] },
    );
  }
  return models;
}

/** `model` if the operator allows it (else a 422 naming the allowed ones); the default when absent. */
export function pickModel(models: readonly string[], model: string | undefined, pointer: string): string {
  if (model === undefined) return models[0] as string;
  if (!models.includes(model)) throw validationError(pointer, `must be one of: ${models.join(', ')}`);
  return model;
}
