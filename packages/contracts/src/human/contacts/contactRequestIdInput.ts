import { z } from 'zod';

/** The path parameter of the per-request operations (`/me/contacts/requests/{id}/…`). */
export const ContactRequestIdInput = z.strictObject({ id: z.uuid() });
export type ContactRequestIdInput = z.infer<typeof ContactRequestIdInput>;
