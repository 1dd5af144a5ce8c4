import { z } from 'zod';

const Limit = z.number().int().min(0).nullable().optional();

/**
 * The operator commands of the `parley` CLI. The CLI runs them against the database directly, or
 * hands them to a running server that holds the embedded database (PGlite is single-process).
 */
export const AdminCommand = z.discriminatedUnion('command', [
  z.strictObject({
    command: z.literal('users.create'),
    org: z.string().min(1),
    handle: z.string().min(1),
    email: z.string().min(1),
    first_name: z.string().optional(),
    last_name: z.string().optional(),
  }),
  z.strictObject({
    command: z.literal('orgs.set-limits'),
    org: z.string().min(1),
    agents: Limit,
    chats: Limit,
    participants: Limit,
    messages: Limit,
  }),
  z.strictObject({ command: z.literal('keys.revoke'), prefix: z.string().min(1) }),
  z.strictObject({ command: z.literal('migrate') }),
  z.strictObject({ command: z.literal('users.login-link'), handle: z.string().min(1) }),
  z.strictObject({ command: z.literal('users.set-password'), handle: z.string().min(1), password: z.string() }),
]);
export type AdminCommand = z.infer<typeof AdminCommand>;
