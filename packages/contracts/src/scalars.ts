import { z } from 'zod';

/** An ISO-8601 UTC timestamp with microseconds, e.g. `2025-11-17T11:20:10.284136Z`. */
export const Timestamp = z.string().meta({ format: 'date-time', example: '2025-11-17T11:20:10.284136Z' });

export const Uuid = z.uuid();

/**
 * A boolean in a query string: `true`/`false` over REST, a real boolean over native tRPC.
 * `z.coerce.boolean()` would read "false" as true (and the REST adapter coerces plain booleans
 * that way), so the two spellings are mapped explicitly. A pipe, which the adapter accepts.
 */
export const QueryBoolean = z.pipe(
  z.union([z.boolean(), z.enum(['true', 'false'])]),
  z.transform((v: boolean | 'true' | 'false') => v === true || v === 'true'),
);

/** An integer in a query string (coerced on both transports alike; see docs/rest-and-trpc.md). */
export const QueryInt = z.coerce.number<number>().int();
