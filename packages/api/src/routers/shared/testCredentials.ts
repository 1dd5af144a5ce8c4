import {
  TestCredentialsInput,
  TestCredentialsOutput,
  testCredentialsMeta,
} from '@parley/contracts/shared/testCredentials';
import { authenticate } from '@parley/core/auth/authenticate';
import { principalIdOf } from '@parley/core/auth/identity';
import { publicProcedure } from '../../trpc.js';

/** `GET /test`: which identity a key is (any valid key; 401 otherwise). */
export const testCredentials = publicProcedure
  .meta(testCredentialsMeta)
  .input(TestCredentialsInput)
  .output(TestCredentialsOutput)
  .query(async ({ ctx }) => {
    const identity = await authenticate(ctx.deps, ctx.apiKey);
    return {
      data: { status: 'ok' as const, identity: identity.kind, id: principalIdOf(identity), handle: identity.handle },
    };
  });
