import type { GenerationSettings } from '@parley/db/repositories/platformAgents';

/** What an owner sets on a platform agent besides its name and description. */
export interface PlatformAgentSettingsInput {
  instructions?: string | undefined;
  model?: string | undefined;
  temperature?: number | null | undefined;
  top_p?: number | null | undefined;
  max_tokens?: number | null | undefined;
}

/** The generation settings given in `input` (absent ones left out, null ones cleared). */
export function givenGenerationSettings(input: PlatformAgentSettingsInput): Partial<GenerationSettings> {
  const out: Partial<GenerationSettings> = {};
  if (input.temperature !== undefined) out.temperature = input.temperature;
  if (input.top_p !== undefined) out.top_p = input.top_p;
  if (input.max_tokens !== undefined) out.max_tokens = input.max_tokens;
  return out;
}
