import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the scripted server does with one request. */
export type Scripted =
  | { ok: unknown }
  | { status: number; code: string; message?: string; headers?: Record<string, string>; details?: object }
  | { raw: string; status: number; contentType: string }
  | { hangUp: true }
  | { silence: true };

export interface SeenRequest {
  method: string;
  path: string;
  apiKey: string | undefined;
  idempotencyKey: string | undefined;
}

const TRPC_CODES: Record<number, [string, number]> = {
  400: ['BAD_REQUEST', -32600],
  404: ['NOT_FOUND', -32004],
  422: ['UNPROCESSABLE_CONTENT', -32022],
  429: ['TOO_MANY_REQUESTS', -32029],
  500: ['INTERNAL_SERVER_ERROR', -32603],
  503: ['SERVICE_UNAVAILABLE', -32053],
};

/**
 * A tiny HTTP server that speaks tRPC's wire format and answers each request with the next step
 * of a script (the last step repeats): successes, Parley error envelopes with any status and
 * headers, foreign (non-JSON) pages, dropped connections, or silence. For testing the links
 * against real HTTP without a Parley server.
 */
export async function scriptedTrpcServer(script: Scripted[]) {
  const seen: SeenRequest[] = [];
  const open = new Set<ServerResponse>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const step = script[Math.min(seen.length, script.length - 1)] as Scripted;
    seen.push({
      method: req.method ?? '',
      path: (req.url ?? '').split('?')[0] ?? '',
      apiKey: req.headers['x-api-key'] as string | undefined,
      idempotencyKey: req.headers['idempotency-key'] as string | undefined,
    });
    req.resume();
    if ('hangUp' in step) {
      req.socket.destroy();
      return;
    }
    if ('silence' in step) {
      open.add(res);
      return;
    }
    if ('raw' in step) {
      res.writeHead(step.status, { 'content-type': step.contentType }).end(step.raw);
      return;
    }
    if ('ok' in step) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ result: { data: step.ok } }));
      return;
    }
    const [key, number] = TRPC_CODES[step.status] ?? ['INTERNAL_SERVER_ERROR', -32603];
    const message = step.message ?? step.code;
    const body = {
      error: {
        message,
        code: number,
        data: { code: key, httpStatus: step.status },
        error: {
          code: step.code,
          message,
          request_id: `req_${seen.length}`,
          ...(step.details ? { details: step.details } : {}),
        },
      },
    };
    res.writeHead(step.status, { 'content-type': 'application/json', ...step.headers }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    async close() {
      for (const res of open) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
