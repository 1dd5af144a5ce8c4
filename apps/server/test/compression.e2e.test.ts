import { request as httpRequest } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatApi } from './harness/chatClients.js';
import { chatAgent, chatUser, roomWith, say } from './harness/chatFixtures.js';
import { startTestServer, type TestServer } from './harness/testServer.js';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A GET without fetch's transparent decompression: the bytes as they came over the wire. */
function rawGet(url: string, headers: Record<string, string>) {
  return new Promise<RawResponse>((resolve, reject) => {
    const req = httpRequest(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

function decode(response: RawResponse): string {
  const encoding = response.headers['content-encoding'];
  if (encoding === 'gzip') return gunzipSync(response.body).toString('utf8');
  if (encoding === 'br') return brotliDecompressSync(response.body).toString('utf8');
  return response.body.toString('utf8');
}

describe('response compression of API answers', () => {
  let ts: TestServer;
  let user: Awaited<ReturnType<typeof chatUser>>;
  let bigRoom: string;
  beforeAll(async () => {
    ts = await startTestServer();
    user = await chatUser(ts);
    const api = chatApi(ts.url, 'rest');
    const agent = await chatAgent(ts, user.key);
    bigRoom = await roomWith(api, user.key, [agent]);
    // 12 messages of 8 000 characters: a list answer of about 100 KB, past the size up to which
    // the compressor works in one synchronous call, so the streamed path is exercised too.
    for (let i = 0; i < 12; i++) await say(api, user.key, bigRoom, `${i} ${'lorem ipsum dolor '.repeat(444)}`, [agent]);
    // Rooms with long titles: a list of a few KB, compressed in one call.
    for (let i = 0; i < 12; i++) await roomWith(api, user.key, [], `Room ${i} ${'with a long title '.repeat(6)}`);
  });
  afterAll(async () => ts?.close());

  const key = () => ({ 'x-api-key': user.key });
  const native = (procedure: string, input: unknown) =>
    `/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`;

  it('compresses large REST and tRPC answers; each decodes to exactly the uncompressed JSON', async () => {
    const cases = [
      { path: `/api/v1/me/chats/${bigRoom}/messages`, atLeast: 64 * 1024 },
      { path: native('human.chats.listMessages', { chat_id: bigRoom }), atLeast: 64 * 1024 },
      { path: '/api/v1/me/chats', atLeast: 2 * 1024 },
      { path: native('human.chats.list', {}), atLeast: 2 * 1024 },
    ];
    for (const { path, atLeast } of cases) {
      const plain = await rawGet(`${ts.url}${path}`, key());
      expect(plain.status, path).toBe(200);
      expect(plain.headers['content-encoding'], path).toBeUndefined();
      expect(Number(plain.headers['content-length']), path).toBe(plain.body.length);
      expect(plain.body.length, path).toBeGreaterThan(atLeast);
      for (const encoding of ['gzip', 'br']) {
        const packed = await rawGet(`${ts.url}${path}`, { ...key(), 'accept-encoding': encoding });
        expect(packed.status, `${path} ${encoding}`).toBe(200);
        expect(packed.headers['content-encoding'], `${path} ${encoding}`).toBe(encoding);
        expect(packed.headers.vary, path).toMatch(/accept-encoding/i);
        expect(packed.body.length, `${path} ${encoding}`).toBeLessThan(plain.body.length / 4);
        expect(JSON.parse(decode(packed)), `${path} ${encoding}`).toEqual(JSON.parse(plain.body.toString('utf8')));
      }
    }
  });

  it('prefers brotli when the client takes both, and fetch reads the answer as usual', async () => {
    const both = await rawGet(`${ts.url}/api/v1/me/chats`, { ...key(), 'accept-encoding': 'gzip, deflate, br' });
    expect(both.headers['content-encoding']).toBe('br');
    const viaFetch = await fetch(`${ts.url}/api/v1/me/chats`, { headers: key() });
    const body = (await viaFetch.json()) as { data: unknown[] };
    expect(body.data.length).toBeGreaterThanOrEqual(9);
  });

  it('leaves answers under 1 KiB and error answers as they are', async () => {
    const small = await rawGet(`${ts.url}/api/v1/me/profile`, { ...key(), 'accept-encoding': 'gzip, br' });
    expect(small.status).toBe(200);
    expect(small.body.length).toBeLessThan(1024);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(small.body.toString('utf8')).data.id).toBe(user.id);

    const missing = await rawGet(`${ts.url}/api/v1/me/chats/00000000-0000-4000-8000-000000000000`, {
      ...key(),
      'accept-encoding': 'gzip',
    });
    expect(missing.status).toBe(404);
    expect(missing.headers['content-encoding']).toBeUndefined();
    const error = JSON.parse(missing.body.toString('utf8')) as { error: { code: string; request_id: string } };
    expect(error.error.request_id).toBe(missing.headers['x-request-id']);
  });

  it('streams live events unbuffered to a client that accepts compression', async () => {
    const api = chatApi(ts.url, 'rest');
    const agent = await chatAgent(ts, user.key);
    const room = await roomWith(api, user.key, [agent]);
    let received = '';
    let headers: RawResponse['headers'] = {};
    const req = httpRequest(`${ts.url}/trpc/human.events.stream`, {
      headers: { ...key(), accept: 'text/event-stream', 'accept-encoding': 'gzip, br' },
    });
    const opened = new Promise<void>((resolve, reject) => {
      req.on('response', (res) => {
        headers = res.headers;
        res.on('data', (chunk: Buffer) => {
          received += chunk.toString('utf8');
        });
        resolve();
      });
      req.on('error', reject);
    });
    req.end();
    try {
      await opened;
      expect(headers['content-type']).toMatch(/^text\/event-stream/);
      expect(headers['content-encoding']).toBeUndefined();
      // The stream is live once it has sent its first bytes; a message sent now must arrive while
      // the connection stays open (a compressor would hold it back in its buffer).
      const start = Date.now();
      while (received === '' && Date.now() - start < 10_000) await new Promise((r) => setTimeout(r, 50));
      const messageId = await say(api, user.key, room, 'through the open stream', [agent]);
      while (!received.includes(messageId) && Date.now() - start < 15_000) await new Promise((r) => setTimeout(r, 50));
      expect(received).toContain(messageId);
    } finally {
      req.destroy();
    }
  });
});
