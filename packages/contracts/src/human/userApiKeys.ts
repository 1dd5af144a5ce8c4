import { z } from 'zod';

/** A person's own user API key as listed in settings: never the secret, only its prefix. */
export const UserApiKeySummary = z.object({
  id: z.uuid(),
  prefix: z.string(),
  label: z.string().nullable(),
  created_at: z.string(),
  last_used_at: z.string().nullable(),
});
export type UserApiKeySummary = z.infer<typeof UserApiKeySummary>;

export const CreateMyApiKeyInput = z.strictObject({ label: z.string().trim().max(100).nullable().optional() });
/** `key` is the whole key, shown this once. */
export const CreateMyApiKeyOutput = z.object({ data: UserApiKeySummary.extend({ key: z.string() }) });
export const ListMyApiKeysInput = z.strictObject({}).optional();
export const ListMyApiKeysOutput = z.object({ data: z.array(UserApiKeySummary) });
export const RevokeMyApiKeyInput = z.strictObject({ id: z.uuid() });
export const RevokeMyApiKeyOutput = z.object({
  data: z.object({ id: z.uuid(), prefix: z.string(), revoked_at: z.string() }),
});
