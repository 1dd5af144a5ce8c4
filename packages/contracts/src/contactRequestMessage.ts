import { z } from 'zod';

/**
 * The optional note sent with a contact request: up to 500 characters. NUL is refused here (422)
 * because PostgreSQL text cannot hold it and would otherwise fail the insert.
 */
export const ContactRequestMessage = z
  .string()
  .max(500)
  .refine((s) => !s.includes('\u0000'), 'must not contain NUL characters')
  .nullable()
  .optional();
