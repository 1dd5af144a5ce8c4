import {
  CreateMyApiKeyInput,
  CreateMyApiKeyOutput,
  ListMyApiKeysInput,
  ListMyApiKeysOutput,
  RevokeMyApiKeyInput,
  RevokeMyApiKeyOutput,
} from '@parley/contracts/human/userApiKeys';
import { createUserApiKey, listUserApiKeys, revokeUserApiKey } from '@parley/core/keys/userApiKeys';
import { humanProcedure, router } from '../../../trpc.js';

const iso = (value: string | null) => (value === null ? null : new Date(value).toISOString());

/** A person's own user API keys (settings → API keys): create (shown once), list, revoke. tRPC only. */
export const humanApiKeysRouter = router({
  create: humanProcedure
    .input(CreateMyApiKeyInput)
    .output(CreateMyApiKeyOutput)
    .mutation(async ({ ctx, input }) => {
      const key = await createUserApiKey(ctx.deps, ctx.identity, input.label || null);
      const { inserted_at, ...rest } = key;
      return { data: { ...rest, created_at: iso(inserted_at) ?? '' } };
    }),
  list: humanProcedure
    .input(ListMyApiKeysInput)
    .output(ListMyApiKeysOutput)
    .query(async ({ ctx }) => ({
      data: (await listUserApiKeys(ctx.deps, ctx.identity)).map((k) => ({
        id: k.id,
        prefix: k.prefix,
        label: k.label,
        created_at: iso(k.inserted_at) ?? '',
        last_used_at: iso(k.last_used_at),
      })),
    })),
  revoke: humanProcedure
    .input(RevokeMyApiKeyInput)
    .output(RevokeMyApiKeyOutput)
    .mutation(async ({ ctx, input }) => {
      const revoked = await revokeUserApiKey(ctx.deps, ctx.identity, input.id);
      return { data: { id: revoked.id, prefix: revoked.prefix, revoked_at: iso(revoked.revoked_at) ?? '' } };
    }),
});
