import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the fake answers to one request. */
export interface ScriptedAnswer {
  status?: number;
  /** A JSON value (sent as JSON) or a raw string. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Waits this long before answering (a slow provider). */
  delayMs?: number;
  /** Never answers: the connection stays open until the client gives up or the fake stops. */
  hang?: boolean;
}

export interface RecordedRequest {
  headers: IncomingHttpHeaders;
  body: {
    model: string;
    messages: Array<{ role: string; content: string | null; tool_call_id?: string }>;
    tools?: unknown[];
    temperature?: number;
    top_p?: number;
    max_tokens?: number;
  };
}

/** A Chat Completions answer with text. */
export function textAnswer(content: string, usage = { prompt_tokens: 12, completion_tokens: 5, total_tokens: 17 }) {
  return {
    body: {
      id: 'chatcmpl-test',
      object: 'chat.completion',
      choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
      usage,
    },
  } satisfies ScriptedAnswer;
}

/** A Chat Completions answer calling one tool. */
export function toolAnswer(name: string, args: Record<string, unknown>, thought: string | null = null) {
  return {
    body: {
      id: 'chatcmpl-test',
      object: 'chat.completion',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: thought,
            tool_calls: [{ id: `call_${name}`, type: 'function', function: { name, arguments: JSON.stringify(args) } }],
          },
          finish_reason: 'tool_calls',
        },
      ],
      usage: { prompt_tokens: 20, completion_tokens: 8, total_tokens: 28 },
    },
  } satisfies ScriptedAnswer;
}

/**
 * An OpenAI-compatible provider on a local port for tests: answers `POST /v1/chat/completions`
 * from a script (in order; then `fallback`), and records every request.
 */
export class FakeModelProvider {
  readonly requests: RecordedRequest[] = [];
  private readonly script: ScriptedAnswer[] = [];
  fallback: ScriptedAnswer = textAnswer('Fallback answer.');
  private server: Server | undefined;

  get baseUrl(): string {
    if (!this.server) throw new Error('the fake provider is not started');
    const port = (this.server.address() as AddressInfo).port;
    return `http://127.0.0.1:${port}/v1`;
  }

  /** Queues answers for the next requests. */
  answer(...answers: ScriptedAnswer[]): void {
    this.script.push(...answers);
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk: Buffer) => {
        raw += chunk.toString();
      });
      req.on('end', () => {
        if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
          res.writeHead(404).end();
          return;
        }
        this.requests.push({ headers: req.headers, body: JSON.parse(raw) });
        const answer = this.script.shift() ?? this.fallback;
        if (answer.hang) return;
        const send = () => {
          if (res.destroyed) return;
          const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? {});
          res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers });
          res.end(text);
        };
        if (answer.delayMs) setTimeout(send, answer.delayMs);
        else send();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
