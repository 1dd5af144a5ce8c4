import type { AppRouter } from '@parley/api/appRouter';
import type { Context } from '@parley/api/context';
import type { AnyProcedure } from '@trpc/server';
import { getErrorShape, getTRPCErrorFromUnknown, type TRPCError } from '@trpc/server/unstable-core-do-not-import';
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface SingleCallOptions {
  router: AppRouter;
  createContext(request: FastifyRequest, reply: FastifyReply): Context;
  /** The HTTP status of a call's answer: 200, or the status of the error's code. */
  statusOf(error: TRPCError | undefined): number;
  onError(error: TRPCError, request: FastifyRequest): void;
}

/** The method each kind of call arrives with from tRPC's links. */
const METHOD_OF = { query: 'GET', mutation: 'POST' } as const;

/**
 * Serves the common native tRPC request, one query (GET) or one mutation (POST) with a JSON
 * input, straight from Fastify's request: the same procedure call, error shape and status as
 * tRPC's own `resolveResponse`, without the Fetch `Request` and `Response` (and their body
 * streams and abort signal) that the official adapter builds for every call, which cost more than
 * the procedure itself (docs/rest-and-trpc.md). Returns false, having sent nothing, for anything else (a
 * batch, a subscription, a streaming accept header, an unknown path, a method that does not match,
 * input that is not well-formed JSON): the official handler serves those, errors included.
 */
export async function serveSingleCall(
  request: FastifyRequest<{ Params: { path: string }; Querystring: Record<string, string | undefined> }>,
  reply: FastifyReply,
  opts: SingleCallOptions,
): Promise<boolean> {
  const path = request.params.path;
  const query = request.query;
  if (query.batch !== undefined || request.headers['trpc-accept'] !== undefined) return false;
  // Keyed by the full dotted path at runtime (typed as the nested record it was built from).
  const procedure = (opts.router._def.procedures as unknown as Record<string, AnyProcedure | undefined>)[path];
  const type = procedure?._def.type;
  if (!procedure || (type !== 'query' && type !== 'mutation') || METHOD_OF[type] !== request.method) return false;
  const parsed = type === 'query' ? parseJson(query.input, true) : parseBody(request);
  if (!parsed.ok) return false;
  const input = parsed.value;

  const ctx = opts.createContext(request, reply);
  let body: unknown;
  let error: TRPCError | undefined;
  try {
    const data = await procedure({ path, getRawInput: async () => input, ctx, type, signal: undefined, batchIndex: 0 });
    body = { result: { data } };
  } catch (cause) {
    error = getTRPCErrorFromUnknown(cause);
    opts.onError(error, request);
    body = { error: getErrorShape({ config: opts.router._def._config, error, type, path, input, ctx }) };
  }
  const status = opts.statusOf(error);
  // Ours has no transformer, so the JSON is the wire format as tRPC's clients read it.
  await reply.code(status).type('application/json').send(JSON.stringify(body));
  return true;
}

type Parsed = { ok: true; value: unknown } | { ok: false };

function parseJson(text: string | undefined, emptyIsUndefined: boolean): Parsed {
  if (text === undefined || text === '') return emptyIsUndefined ? { ok: true, value: undefined } : { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function parseBody(request: FastifyRequest): Parsed {
  const type = request.headers['content-type']?.split(';', 1)[0]?.trim().toLowerCase();
  if (type !== 'application/json' || typeof request.body !== 'string') return { ok: false };
  return parseJson(request.body, false);
}
