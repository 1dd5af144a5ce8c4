import type { TRPCError } from '@trpc/server';

const STATUS_TO_TRPC: Record<number, TRPCError['code']> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE_CONTENT',
  429: 'TOO_MANY_REQUESTS',
  503: 'SERVICE_UNAVAILABLE',
};

/** The tRPC error code native clients see for an HTTP status of ours. */
export function trpcCodeForStatus(status: number): TRPCError['code'] {
  return STATUS_TO_TRPC[status] ?? 'INTERNAL_SERVER_ERROR';
}
