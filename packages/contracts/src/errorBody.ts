import { z } from 'zod';

/** The error envelope of every failed request (docs/errors.md). */
export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'Machine-readable error code' }),
      message: z.string(),
      details: z
        .record(z.string(), z.unknown())
        .optional()
        .meta({ description: 'For 422 and 400 unknown_property: JSON Pointer → messages' }),
      request_id: z.string(),
    }),
  })
  .meta({ id: 'Error' });

export type ErrorBody = z.infer<typeof ErrorBody>;
