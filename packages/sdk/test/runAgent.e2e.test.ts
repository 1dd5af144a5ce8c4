import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgentClient, runAgent } from '../src/index.js';
import { deliveryOf, eventually, mention, registerAgent, roomMessages, roomWith } from './harness/fixtures.js';
import { type ParleyTestServer, startParleyServer } from './harness/parleyServer.js';
import { startAgent as startAgentOn } from './harness/runningAgent.js';

let server: ParleyTestServer;

beforeAll(async () => {
  server = await startParleyServer();
});
afterAll(async () => {
  await server?.stop();
});

const startAgent = (options: Parameters<typeof startAgentOn>[1]) => startAgentOn(server, options);

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

  it('shows the room that the agent is working while its handler runs', async () => {
    const seen: { type: string; payload: unknown }[] = [];
    const sub = server.owner.human.events.stream.subscribe(undefined, {
      onData: (envelope) => seen.push({ type: envelope.data.type, payload: envelope.data.payload }),
    });
    const bot = await startAgent({
      workingKeepAliveMs: 200,
      onMessage: async () => {
        await new Promise((resolve) => setTimeout(resolve, 1000));
      },
    });
    const roomId = await roomWith(server.owner, [bot.agent]);
    await bot.ready;
    await new Promise((resolve) => setTimeout(resolve, 300));
    const messageId = await mention(server.owner, roomId, bot.agent, 'think hard');
    await eventually(async () => {
      const messages = await roomMessages(server.owner, roomId);
      return (
        deliveryOf(
          messages.find((m) => m.id === messageId),
          bot.agent.id,
        )?.status === 'processed'
      );
    }, 'the processed state');
    const indicator = await eventually(async () => {
      const own = seen.filter((e) => e.type.startsWith('agent_working'));
      return own.length >= 2 ? own : undefined;
    }, 'the indicator turning on and off');
    sub.unsubscribe();
    expect(indicator.map((e) => e.type)).toEqual(['agent_working_started', 'agent_working_stopped']);
    expect(indicator[0]?.payload).toMatchObject({ chat_room_id: roomId, agent: { id: bot.agent.id }, working: true });
    expect(indicator[1]?.payload).toMatchObject({ working: false, reason: 'stopped' });
    bot.stop.abort();
    await bot.run;
    expect(bot.errors).toEqual([]);
  });

  it('drains every room’s backlog on start, oldest first, one message of a room at a time', async () => {
    const agent = await registerAgent(server.owner);
    const rooms = [await roomWith(server.owner, [agent]), await roomWith(server.owner, [agent])];
    const sent: Record<string, string[]> = {};
    for (const roomId of rooms) {
      sent[roomId] = [];
      for (let i = 0; i < 4; i++) sent[roomId].push(await mention(server.owner, roomId, agent, `backlog ${i}`));
    }
    const handled: Record<string, string[]> = {};
    const active = new Map<string, number>();
    let maxPerRoom = 0;
    let maxOverall = 0;
    const client = createAgentClient({ baseUrl: server.url, apiKey: agent.key });
    const stop = new AbortController();
    const run = runAgent({
      client,
      signal: stop.signal,
      concurrency: 2,
      onMessage: async (message) => {
        const room = message.chat_room_id;
        active.set(room, (active.get(room) ?? 0) + 1);
        maxPerRoom = Math.max(maxPerRoom, active.get(room) ?? 0);
        maxOverall = Math.max(
          maxOverall,
          [...active.values()].reduce((a, b) => a + b, 0),
        );
        await new Promise((resolve) => setTimeout(resolve, 150));
        handled[room] = [...(handled[room] ?? []), message.id];
        active.set(room, (active.get(room) ?? 1) - 1);
      },
    });
    await eventually(async () => rooms.every((r) => handled[r]?.length === 4), 'both backlogs');
    expect(handled).toEqual(sent);
    expect(maxPerRoom).toBe(1);
    expect(maxOverall).toBe(2);
    // The handler returns before runAgent reports the last message processed: wait for the report.
    for (const roomId of rooms) {
      await eventually(async () => {
        const states = (await roomMessages(server.owner, roomId)).map((m) => deliveryOf(m, agent.id)?.status);
        return states.length === 4 && states.every((state) => state === 'processed');
      }, 'every message processed');
    }
    stop.abort();
    await run;
  });

  it('joins rooms it is added to while running, and drops rooms it is removed from', async () => {
    const handled: string[] = [];
    const bot = await startAgent({
      onMessage: async (message) => {
        handled.push(message.content);
      },
    });
    await bot.ready;
    const later = await roomWith(server.owner, [bot.agent], 'added later');
    await mention(server.owner, later, bot.agent, 'in the new room');
    await eventually(async () => handled.some((c) => c.includes('in the new room')), 'the new room’s message');
    await server.owner.human.chats.removeParticipant.mutate({ chat_id: later, id: bot.agent.id });
    // Dropped: the loop does not keep asking for the room's queue (which would now be 404s).
    await new Promise((resolve) => setTimeout(resolve, 500));
    const other = await roomWith(server.owner, [bot.agent], 'another');
    await mention(server.owner, other, bot.agent, 'still listening');
    await eventually(async () => handled.some((c) => c.includes('still listening')), 'the other room’s message');
    bot.stop.abort();
    await bot.run;
    expect(bot.errors).toEqual([]);
  });

  it('marks a message failed with the error’s text when the handler throws, and retries it later', async () => {
    let calls = 0;
    const bot = await startAgent({
      // Long enough (1.5–3 s) to see the failed state before the retry, even on a busy machine.
      retryDelayMs: 3_000,
      onMessage: async () => {
        calls += 1;
        if (calls === 1) throw new Error('the model is unavailable');
      },
    });
    const roomId = await roomWith(server.owner, [bot.agent]);
    await bot.ready;
    const messageId = await mention(server.owner, roomId, bot.agent, 'try me');
    const failed = await eventually(async () => {
      const state = deliveryOf(
        (await roomMessages(server.owner, roomId)).find((m) => m.id === messageId),
        bot.agent.id,
      );
      return state?.status === 'failed' ? state : undefined;
    }, 'the failed state');
    expect(failed.attempts[0]).toMatchObject({
      attempt_number: 1,
      status: 'failed',
      error: 'the model is unavailable',
    });
    const done = await eventually(async () => {
      const state = deliveryOf(
        (await roomMessages(server.owner, roomId)).find((m) => m.id === messageId),
        bot.agent.id,
      );
      return state?.status === 'processed' ? state : undefined;
    }, 'the retry');
    expect(done.current_attempt).toBe(2);
    expect(calls).toBe(2);
    expect(bot.errors.map((e) => [e.info.phase, e.info.willRetry, (e.error as Error).message])).toEqual([
      ['handler', true, 'the model is unavailable'],
    ]);
    bot.stop.abort();
    await bot.run;
  });

  it('leaves a message failed after maxAttempts, and later messages of the room still get through', async () => {
    const handled: string[] = [];
    const bot = await startAgent({
      maxAttempts: 2,
      retryDelayMs: 200,
      onMessage: async (message) => {
        if (message.content.includes('poison')) throw new Error('cannot digest');
        handled.push(message.content);
      },
    });
    const roomId = await roomWith(server.owner, [bot.agent]);
    await bot.ready;
    const poison = await mention(server.owner, roomId, bot.agent, 'poison');
    await mention(server.owner, roomId, bot.agent, 'wholesome');
    await eventually(async () => handled.some((c) => c.includes('wholesome')), 'the message after the poison');
    await eventually(async () => {
      const state = deliveryOf(
        (await roomMessages(server.owner, roomId)).find((m) => m.id === poison),
        bot.agent.id,
      );
      return state?.status === 'failed' && state.current_attempt === 2;
    }, 'two failed attempts');
    await new Promise((resolve) => setTimeout(resolve, 800));
    const state = deliveryOf(
      (await roomMessages(server.owner, roomId)).find((m) => m.id === poison),
      bot.agent.id,
    );
    expect(state).toMatchObject({ status: 'failed', current_attempt: 2 });
    expect(bot.errors.map((e) => e.info.willRetry)).toEqual([true, false]);
    bot.stop.abort();
    await bot.run;
  });

  it('lets a handler under way finish on shutdown', async () => {
    let started: () => void = () => {};
    const handling = new Promise<void>((resolve) => {
      started = resolve;
    });
    const bot = await startAgent({
      onMessage: async (_message, { reply }) => {
        started();
        await new Promise((resolve) => setTimeout(resolve, 700));
        await reply('done before leaving');
      },
    });
    const roomId = await roomWith(server.owner, [bot.agent]);
    await bot.ready;
    const messageId = await mention(server.owner, roomId, bot.agent, 'slow one');
    await handling;
    bot.stop.abort();
    await bot.run;
    const messages = await roomMessages(server.owner, roomId);
    expect(
      deliveryOf(
        messages.find((m) => m.id === messageId),
        bot.agent.id,
      )?.status,
    ).toBe('processed');
    expect(messages.at(-1)?.content).toContain('done before leaving');
  });

  it('releases a handler that outlives the shutdown grace: its signal aborts, the message is failed for a retry', async () => {
    let signalled = false;
    let started: () => void = () => {};
    const handling = new Promise<void>((resolve) => {
      started = resolve;
    });
    const bot = await startAgent({
      shutdownTimeoutMs: 300,
      onMessage: async (_message, { signal }) => {
        started();
        signal.addEventListener('abort', () => {
          signalled = true;
        });
        // Ignores its signal and never ends: the shutdown must not wait for it.
        await new Promise(() => {});
      },
    });
    const roomId = await roomWith(server.owner, [bot.agent]);
    await bot.ready;
    const messageId = await mention(server.owner, roomId, bot.agent, 'endless');
    await handling;
    bot.stop.abort();
    await bot.run;
    expect(signalled).toBe(true);
    const state = deliveryOf(
      (await roomMessages(server.owner, roomId)).find((m) => m.id === messageId),
      bot.agent.id,
    );
    expect(state?.status).toBe('failed');
    expect(state?.attempts.at(-1)?.error).toMatch(/shut down/);
  });

  it('context.recent(n) reads the latest n messages of the context in one call, oldest first', async () => {
    let recent: { id: string }[] | undefined;
    const bot = await startAgent({
      onMessage: async (message, ctx) => {
        if (message.content.endsWith('last')) recent = await ctx.recent(3);
      },
    });
    const roomId = await roomWith(server.owner, [bot.agent]);
    await bot.ready;
    const ids: string[] = [];
    for (const text of ['m0', 'm1', 'm2', 'm3', 'last']) ids.push(await mention(server.owner, roomId, bot.agent, text));
    await eventually(async () => recent !== undefined, 'the handler');
    expect(recent?.map((m) => m.id)).toEqual(ids.slice(-3));
    bot.stop.abort();
    await bot.run;
    expect(bot.errors).toEqual([]);
  });

  it('gives the handler helpers bound to the room and the sender', async () => {
    const results: Record<string, unknown> = {};
    const bot = await startAgent({
      onMessage: async (message, ctx) => {
        const event = await ctx.event('thought', 'thinking about it', { step: 1 });
        const context = await ctx.context();
        const participants = await ctx.participants();
        const stored = await ctx.memories.store({
          content: 'likes short answers',
          system: 'long_term',
          type: 'semantic',
          segment: 'user',
          thought: 'they said so',
        });
        const listed = await ctx.memories.list();
        const superseded = await ctx.memories.supersede(stored.data.id);
        const reply = await ctx.reply('noted', { mentions: [message.sender_id] });
        Object.assign(results, { event, context, participants, stored, listed, superseded, reply, ctx });
      },
    });
    const roomId = await roomWith(server.owner, [bot.agent]);
    await bot.ready;
    const messageId = await mention(server.owner, roomId, bot.agent, 'remember this');
    await eventually(async () => 'reply' in results, 'the handler');
    const profile = await server.owner.human.profile.get.query();
    expect(results.event).toMatchObject({ data: { message_type: 'thought', success: true } });
    expect((results.context as { data: { id: string }[] }).data.map((m) => m.id)).toContain(messageId);
    expect((results.participants as { data: { id: string }[] }).data.map((p) => p.id).sort()).toEqual(
      [profile.data.id, bot.agent.id].sort(),
    );
    expect(results.stored).toMatchObject({ data: { subject_id: profile.data.id, status: 'active' } });
    expect((results.listed as { data: { id: string }[] }).data.map((m) => m.id)).toContain(
      (results.stored as { data: { id: string } }).data.id,
    );
    expect(results.superseded).toMatchObject({ data: { status: 'superseded' } });
    expect(results.reply).toMatchObject({ data: { success: true, recipients: [{ id: profile.data.id }] } });
    bot.stop.abort();
    await bot.run;
    expect(bot.errors).toEqual([]);
  });
});
