import type { CoreDeps } from '@parley/core/deps';

/** What every procedure sees, for both transports (native tRPC and REST). */
export interface Context {
  deps: CoreDeps;
  /** The API key as presented (`X-API-Key` wins over `Authorization: Bearer`), not yet checked. */
  apiKey: string | undefined;
  requestId: string;
  /**
   * Set only by the server's platform-agent runtime, which calls the Agent API in-process as that
   * agent (it has no key). Never read from a request.
   */
  platformAgentId?: string;
}

type HeaderValue = string | string[] | undefined;

/** Reads the key from `X-API-Key`, else from `Authorization: Bearer …` (docs/auth.md). */
export function apiKeyFromHeaders(headers: Record<string, HeaderValue>): string | undefined {
  const first = (v: HeaderValue) => (Array.isArray(v) ? v[0] : v);
  const direct = first(headers['x-api-key'])?.trim();
  if (direct) return direct;
  const auth = first(headers.authorization);
  const m = auth ? /^Bearer\s+(\S+)\s*$/i.exec(auth) : null;
  return m?.[1];
}
