import type { AppRouter } from '@parley/api/appRouter';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import { expect } from 'vitest';

/** A native tRPC client (what the SDK wraps) for the server at `baseUrl`, calling with `key`. */
export function trpcClient(baseUrl: string, key?: string) {
  return createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${baseUrl}/trpc`, headers: () => (key ? { 'x-api-key': key } : {}) })],
  });
}

interface ParleyErrorShape {
  error?: { code: string; message: string; details?: Record<string, unknown>; request_id: string };
  data?: { httpStatus?: number };
}

/** Awaits a native call that must fail, and checks our error code and HTTP status on it. */
export async function expectTrpcError(call: Promise<unknown>, status: number, code: string) {
  try {
    await call;
  } catch (error) {
    expect(error).toBeInstanceOf(TRPCClientError);
    const shape = (error as TRPCClientError<AppRouter>).shape as ParleyErrorShape | undefined;
    expect(shape?.error?.code).toBe(code);
    expect(shape?.data?.httpStatus).toBe(status);
    expect(shape?.error?.request_id).toBeTruthy();
    return shape?.error;
  }
  throw new Error(`expected the call to fail with ${status} ${code}`);
}
