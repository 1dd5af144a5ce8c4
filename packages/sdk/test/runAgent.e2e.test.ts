import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgentClient, type ErrorInfo, type RunAgentOptions, runAgent } from '../src/index.js';
import { deliveryOf, eventually, mention, registerAgent, roomMessages, roomWith } from './harness/fixtures.js';
import { type ParleyTestServer, startParleyServer } from './harness/parleyServer.js';

let server: ParleyTestServer;

beforeAll(async () => {
  server = await startParleyServer();
});
afterAll(async () => {
  await server?.stop();
});

/** Starts `runAgent` for a new agent; resolves once it follows its rooms. */
async function startAgent(options: Partial<RunAgentOptions> & Pick<RunAgentOptions, 'onMessage'>) {
  const agent = await registerAgent(server.owner);
  const client = createAgentClient({ baseUrl: server.url, apiKey: agent.key });
  const stop = new AbortController();
  const errors: { error: unknown; info: ErrorInfo }[] = [];
  let ready: () => void = () => {};
  const readyNow = new Promise<void>((resolve) => {
    ready = resolve;
  });
  const run = runAgent({
    client,
    signal: stop.signal,
    onReady: () => ready(),
    onError: (error, info) => errors.push({ error, info }),
    ...options,
  });
  return { agent, client, stop, errors, run, ready: readyNow };
}

describe('runAgent against the built server', () => {
  it('answers a mention and marks the message processed', async () => {
    const seen: { content: string; attempt: number }[] = [];
    const bot = await startAgent({
      onMessage: async (message, { reply, attempt }) => {
        seen.push({ content: message.content, attempt });
        await reply(`echo: ${message.content}`);
      },
    });
    const roomId = await roomWith(server.owner, [bot.agent]);
    await bot.ready;
    const messageId = await mention(server.owner, roomId, bot.agent, 'hello there');
    const answer = await eventually(async () => {
      const messages = await roomMessages(server.owner, roomId);
      const processed =
        deliveryOf(
          messages.find((m) => m.id === messageId),
          bot.agent.id,
        )?.status === 'processed';
      return processed ? messages.find((m) => m.sender_id === bot.agent.id) : undefined;
    }, 'the reply and the processed state');
    expect(answer.content).toContain('echo: ');
    expect(answer.content).toContain('hello there');
    // The sender is mentioned by default.
    expect((answer.metadata.mentions as { id: string }[]).map((m) => m.id)).toHaveLength(1);
    expect(seen).toEqual([{ content: expect.stringContaining('hello there'), attempt: 1 }]);
    bot.stop.abort();
    await bot.run;
    expect(bot.errors).toEqual([]);
  });
});
