/**
 * Phoenix Channels serializer v2, JSON text frames: `[join_ref, ref, topic, event, payload]`.
 * Binary frames (the v2 binary push) are not accepted: no Parley topic takes binary payloads.
 */
export interface PhoenixFrame {
  joinRef: string | null;
  ref: string | null;
  topic: string;
  event: string;
  payload: unknown;
}

const ref = (v: unknown): v is string | null => v === null || typeof v === 'string';

export function parseFrame(text: string): PhoenixFrame | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (!Array.isArray(value) || value.length !== 5) return null;
  const [joinRef, msgRef, topic, event, payload] = value as unknown[];
  if (!ref(joinRef) || !ref(msgRef) || typeof topic !== 'string' || typeof event !== 'string') return null;
  return { joinRef, ref: msgRef, topic, event, payload };
}

export function encodeFrame(
  joinRef: string | null,
  msgRef: string | null,
  topic: string,
  event: string,
  payload: unknown,
) {
  return JSON.stringify([joinRef, msgRef, topic, event, payload]);
}

/** `phx_reply` to a client message, `ok` or `error`. */
export function replyFrame(to: PhoenixFrame, status: 'ok' | 'error', response: Record<string, unknown> = {}) {
  return encodeFrame(to.joinRef, to.ref, to.topic, 'phx_reply', { status, response });
}

/** A server push: pushes carry null refs (docs/realtime.md). */
export function pushFrame(topic: string, event: string, payload: unknown) {
  return encodeFrame(null, null, topic, event, payload);
}

/** Close codes this server uses (4000–4999 are the application's). */
export const CloseCode = {
  normal: 1000,
  goingAway: 1001,
  unsupportedData: 1003,
  invalidPayload: 1007,
  tryAgainLater: 1013,
  superseded: 4001,
  idle: 4002,
  revoked: 4003,
} as const;
