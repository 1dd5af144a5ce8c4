import { TRPCClientError } from '@trpc/client';

interface ParleyShape {
  error?: { code?: string; message?: string; details?: Record<string, unknown> };
  data?: { httpStatus?: number };
}

function shapeOf(error: unknown): ParleyShape | undefined {
  return error instanceof TRPCClientError ? (error.shape as ParleyShape | undefined) : undefined;
}

export function errorCode(error: unknown): string | undefined {
  return shapeOf(error)?.error?.code;
}

export function errorStatus(error: unknown): number | undefined {
  return shapeOf(error)?.data?.httpStatus;
}

export function isUnauthorized(error: unknown): boolean {
  return shapeOf(error)?.data?.httpStatus === 401;
}

/** What to tell a person, by error code; the server's message where it is already plain. */
const WORDS: Record<string, string> = {
  mentions_required: 'Mention at least one participant with @ so someone gets the message.',
  cannot_mention_self: 'You cannot mention yourself.',
  duplicate_mentions: 'The same participant is mentioned twice.',
  mentioned_participant_not_in_room: 'Someone you mentioned is not in this room any more.',
  handle_not_found: 'Nobody in this room has that handle.',
  invalid_credentials: 'That email and password do not match an account.',
  invalid_sign_in_link: 'This sign-in link has been used or has expired. Ask for a new one.',
  rate_limited: 'Too many attempts. Wait a little and try again.',
  forbidden: 'You are not allowed to do that.',
  not_found: 'That no longer exists, or you do not have access to it.',
  cannot_remove_sole_owner: 'You are the only owner: make someone else owner before leaving.',
  unauthorized: 'Your session has ended. Sign in again.',
  payload_too_large: 'That is too long to send.',
  llm_not_configured:
    'This Parley has no model provider, so it cannot run agents itself. The operator must set ' +
    'PARLEY_LLM_BASE_URL and PARLEY_LLM_MODELS (see the README); registered agents work as usual.',
  agent_has_no_key: 'A platform agent has no key: Parley runs it itself.',
};

/** An API error in words a person understands. */
export function describeError(error: unknown): string {
  const shape = shapeOf(error);
  const code = shape?.error?.code;
  if (code === 'limit_reached') {
    const details = shape?.error?.details as { resource?: string; limit?: number } | undefined;
    return `Your plan's limit is reached${details?.resource ? ` (${details.resource}: ${details.limit})` : ''}.`;
  }
  if (code && WORDS[code]) return WORDS[code];
  if (code === 'validation_error' || code === 'conflict' || code === 'invalid_handle') {
    return shape?.error?.message ?? 'Please check what you entered.';
  }
  if (!shape) return 'Cannot reach Parley. Check your connection and try again.';
  return shape.error?.message ?? 'Something went wrong. Try again.';
}
