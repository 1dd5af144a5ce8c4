import type { CoreDeps } from '@parley/core/deps';
import type { EventHub } from '@parley/realtime/eventHub';

/** What every procedure sees, for both transports (native tRPC and REST). */
export interface Context {
  deps: CoreDeps;
  /**
   * This instance's live event fan-out, read only by the event-stream procedures (the server's;
   * absent in the CLI and plain tests). Kept out of `CoreDeps`: the domain records events, the
   * realtime package delivers them.
   */
  events?: EventHub;
  /** The API key as presented (`X-API-Key` wins over `Authorization: Bearer`), not yet checked. */
  apiKey: string | undefined;
  requestId: string;
  /**
   * Set only by the server's platform-agent runtime, which calls the Agent API in-process as that
   * agent (it has no key). Never read from a request.
   */
  platformAgentId?: string;
  /** What a browser brings: the session cookie, its Origin, and a way to set the cookie. */
  web?: WebRequest;
}

/** The browser side of a request, for sign-in and cookie-authenticated calls. */
export interface WebRequest {
  /** The `parley_session` cookie's value, not yet checked. */
  sessionToken: string | undefined;
  /** The `Origin` header as sent. */
  origin: string | undefined;
  /** This server's own origin as the client reached it (`https://host` behind a trusted proxy). */
  ownOrigin: string;
  /** The client's IP (the proxy's client when `PARLEY_TRUST_PROXY` is on). */
  ip: string;
  /** Sets the session cookie, or clears it with null. */
  setSessionCookie(session: { token: string; expiresAt: string } | null): void;
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
