import type { OperationMeta } from '@parley/contracts/operationMeta';
import { AppError } from '@parley/core/appError';
import { authenticate } from '@parley/core/auth/authenticate';
import type { AgentIdentity, UserIdentity } from '@parley/core/auth/identity';
import { platformAgentIdentity } from '@parley/core/auth/platformAgentIdentity';
import { authenticateSession } from '@parley/core/signIn/authenticateSession';
import { initTRPC, TRPCError } from '@trpc/server';
import type { Context } from './context.js';
import { asAppError, describeError } from './errors/describeError.js';
import { trpcCodeForStatus } from './errors/trpcCodeForStatus.js';
import { assertSameOrigin } from './sameOrigin.js';

/**
 * tRPC for both transports. The error formatter adds `error: {code, message, details, request_id}`
 * to every error shape: native clients read it as `err.shape.error`, and the REST layer sends it
 * as the body. `message` is replaced too, so internals never leave the process.
 */
const t = initTRPC
  .context<Context>()
  .meta<OperationMeta>()
  .create({
    // Event streams (SSE) ping while idle, and clients reconnect when they hear nothing: a
    // half-open connection is noticed within a minute instead of never.
    sse: {
      ping: { enabled: true, intervalMs: 15_000 },
      client: { reconnectAfterInactivityMs: 45_000 },
    },
    errorFormatter({ shape, error, ctx }) {
      const described = describeError(error);
      return {
        ...shape,
        message: described.message,
        data: { ...shape.data, httpStatus: described.status, stack: undefined },
        error: {
          code: described.code,
          message: described.message,
          ...(described.details ? { details: described.details } : {}),
          request_id: ctx?.requestId ?? 'unknown',
        },
      };
    },
  });

/**
 * Gives a domain error its tRPC code, so native clients see FORBIDDEN rather than a 500; a
 * database that cannot be reached becomes `service_unavailable` (503) the same way.
 */
const domainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  const cause = result.ok ? undefined : asAppError(result.error.cause);
  if (cause) {
    throw new TRPCError({
      code: trpcCodeForStatus(cause.status),
      message: cause.message,
      cause,
    });
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** No key needed. */
export const publicProcedure = t.procedure.use(domainErrors);

/**
 * A user key (`thnv_u_…`), or a browser session cookie when no key is sent; an agent key gets
 * 403. A mutation made with the cookie must come from this server's own origin (CSRF).
 */
export const humanProcedure = publicProcedure.use(async ({ ctx, next, type }) => {
  const sessionToken = ctx.web?.sessionToken;
  if (!ctx.apiKey && sessionToken && ctx.web) {
    if (type === 'mutation') assertSameOrigin(ctx.web);
    const identity = await authenticateSession(ctx.deps, sessionToken);
    return next({ ctx: { identity: identity satisfies UserIdentity } });
  }
  const identity = await authenticate(ctx.deps, ctx.apiKey);
  if (identity.kind !== 'user') throw new AppError('forbidden', 'This endpoint needs a user API key');
  return next({ ctx: { identity: identity satisfies UserIdentity } });
});

/** An agent key (`thnv_a_…`), or a platform agent calling in-process; a user key gets 403. */
export const agentProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const identity =
    ctx.platformAgentId !== undefined
      ? await platformAgentIdentity(ctx.deps, ctx.platformAgentId)
      : await authenticate(ctx.deps, ctx.apiKey);
  if (identity.kind !== 'agent') throw new AppError('forbidden', 'This endpoint needs an agent API key');
  return next({ ctx: { identity: identity satisfies AgentIdentity } });
});
