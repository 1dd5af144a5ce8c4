import { z } from 'zod';
import { Timestamp } from '../scalars.js';

/** The generation settings an owner may give a platform agent; null = the provider's default. */
export const GenerationSettingsInput = {
  temperature: z.number().min(0).max(2).nullable().optional().meta({ description: 'Sampling temperature, 0–2' }),
  top_p: z.number().gt(0).max(1).nullable().optional().meta({ description: 'Nucleus sampling, (0, 1]' }),
  max_tokens: z
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .nullable()
    .optional()
    .meta({ description: 'Longest answer, in tokens' }),
};

export const Instructions = z
  .string()
  .trim()
  .min(1)
  .max(32_000)
  .meta({ description: 'The system prompt the agent works under' });

export const ModelId = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .meta({ description: 'One of the models the operator allows (`available_models`); default: the first' });

/** A platform agent's settings as its owner reads them (Parley extension). */
export const PlatformAgentSettings = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string().nullable(),
    handle: z.string(),
    is_external: z.literal(false),
    instructions: z.string(),
    model: z.string(),
    temperature: z.number().nullable(),
    top_p: z.number().nullable(),
    max_tokens: z.number().int().nullable(),
    available_models: z
      .array(z.string())
      .meta({ description: 'The models this server allows (empty when no provider is configured)' }),
    inserted_at: Timestamp,
    updated_at: Timestamp,
  })
  .meta({ id: 'PlatformAgentSettings' });
export type PlatformAgentSettings = z.infer<typeof PlatformAgentSettings>;
