/**
 * Every machine-readable error code the API answers with, and its HTTP status. This table is the
 * single place a code becomes a status: REST, native tRPC, the socket and the OpenAPI document all
 * read it. Codes come from the vendor where it names them; the rest are ours (docs/errors.md).
 */
export const errorCodes = {
  bad_request: { status: 400, message: 'The request is malformed' },
  unknown_property: { status: 400, message: 'The body has properties the schema does not allow' },
  invalid_handle: { status: 400, message: 'The handle is not valid' },
  identifier_required: { status: 400, message: 'Give one of the alternative identifiers' },
  unauthorized: { status: 401, message: 'A valid API key is required' },
  invalid_credentials: { status: 401, message: 'The email or password is not right' },
  invalid_sign_in_link: { status: 401, message: 'This sign-in link is invalid, used or expired' },
  forbidden: { status: 403, message: 'Not permitted' },
  limit_reached: { status: 403, message: 'A plan limit has been reached' },
  cannot_remove_sole_owner: { status: 403, message: 'The sole owner cannot leave the room' },
  not_found: { status: 404, message: 'Not found' },
  conflict: { status: 409, message: 'The request conflicts with the current state' },
  agent_has_no_key: { status: 409, message: 'Platform agents run inside Parley and have no API key' },
  resync_required: {
    status: 409,
    message: 'The event stream cannot resume from there; reload state and subscribe afresh',
  },
  idempotency_key_in_use: {
    status: 409,
    message: 'A request with this Idempotency-Key is still being processed; retry later',
  },
  connection_conflict: {
    status: 409,
    message: 'The agent already has a live socket (connect without on_conflict=reject to replace it)',
  },
  payload_too_large: { status: 413, message: 'The request body is too large' },
  unsupported_media_type: { status: 415, message: 'Send application/json' },
  validation_error: { status: 422, message: 'The request breaks a validation rule' },
  mentions_required: { status: 422, message: 'At least one mention is required' },
  cannot_mention_self: { status: 422, message: 'You cannot mention yourself' },
  duplicate_mentions: { status: 422, message: 'The same participant is mentioned twice' },
  mentioned_participant_not_in_room: { status: 422, message: 'A mentioned participant is not in the room' },
  invalid_mention_kind: { status: 422, message: 'Mention kind must be mention or reference' },
  idempotency_key_reused: {
    status: 422,
    message: 'This Idempotency-Key was used with a different request',
  },
  handle_not_found: { status: 422, message: 'No participant has that handle' },
  mention_missing_identifier: { status: 422, message: 'A mention needs an id or a handle' },
  rate_limited: { status: 429, message: 'Too many requests' },
  internal_error: { status: 500, message: 'Internal server error' },
  service_unavailable: { status: 503, message: 'The service is not ready' },
  llm_not_configured: {
    status: 503,
    message: 'Platform agents need a model provider: set PARLEY_LLM_BASE_URL and PARLEY_LLM_MODELS',
  },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof errorCodes;

export function statusOfErrorCode(code: ErrorCode): number {
  return errorCodes[code].status;
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(errorCodes, value);
}
