import type { CreateAgentChatEventInput } from '@parley/contracts/agent/chats/createAgentChatEvent';
import type {
  CreateAgentChatMessageInput,
  CreateAgentChatMessageOutput,
} from '@parley/contracts/agent/chats/createAgentChatMessage';
import type { GetAgentNextMessageOutput } from '@parley/contracts/agent/chats/getAgentNextMessage';
import type { ListAgentChatsOutput } from '@parley/contracts/agent/chats/listAgentChats';
import type { CreateAgentMemoryInput } from '@parley/contracts/agent/createAgentMemory';
import type { GetAgentMeOutput } from '@parley/contracts/agent/getAgentMe';
import type { StreamEvent as ContractStreamEvent } from '@parley/contracts/events/streamEvent';
import type { SendMyChatMessageInput, SendMyChatMessageOutput } from '@parley/contracts/human/chats/sendMyChatMessage';
import type { RegisterMyAgentOutput } from '@parley/contracts/human/registerMyAgent';
import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import { createAgentClient } from './createAgentClient.js';
import { createHumanClient } from './createHumanClient.js';
import type { MessageContext } from './messageContext.js';
import type { ParleyError, ServerErrorCode } from './parleyError.js';
import type { AgentMe, ChatMessage, StreamEvent, TrackedStreamEvent } from './parleyRouter.js';

// Compiled by `tsc -p packages/sdk/tsconfig.json`: a type that drifts from the server's zod
// contracts fails the type-check. At run time these assertions do nothing.
const agent = createAgentClient({ baseUrl: 'http://127.0.0.1:1', apiKey: 'thnv_a_1_x' });
const human = createHumanClient({ baseUrl: 'http://127.0.0.1:1', apiKey: 'thnv_u_1_x' });

describe('types inferred from the routers', () => {
  it('outputs are the REST response bodies of the contracts', () => {
    expectTypeOf(agent.agent.me.query).returns.resolves.toEqualTypeOf<z.output<typeof GetAgentMeOutput>>();
    expectTypeOf(agent.agent.chats.list.query).returns.resolves.toEqualTypeOf<z.output<typeof ListAgentChatsOutput>>();
    expectTypeOf(agent.agent.chats.nextMessage.query).returns.resolves.toEqualTypeOf<
      z.output<typeof GetAgentNextMessageOutput>
    >();
    expectTypeOf(agent.agent.chats.sendMessage.mutate).returns.resolves.toEqualTypeOf<
      z.output<typeof CreateAgentChatMessageOutput>
    >();
    expectTypeOf(human.human.chats.sendMessage.mutate).returns.resolves.toEqualTypeOf<
      z.output<typeof SendMyChatMessageOutput>
    >();
    expectTypeOf(human.human.agents.register.mutate).returns.resolves.toEqualTypeOf<
      z.output<typeof RegisterMyAgentOutput>
    >();
  });

  it('inputs are the contracts’ input types', () => {
    expectTypeOf(agent.agent.chats.sendMessage.mutate)
      .parameter(0)
      .toEqualTypeOf<z.input<typeof CreateAgentChatMessageInput>>();
    expectTypeOf(agent.agent.chats.createEvent.mutate)
      .parameter(0)
      .toEqualTypeOf<z.input<typeof CreateAgentChatEventInput>>();
    expectTypeOf(agent.agent.memories.create.mutate)
      .parameter(0)
      .toEqualTypeOf<z.input<typeof CreateAgentMemoryInput>>();
    expectTypeOf(human.human.chats.sendMessage.mutate)
      .parameter(0)
      .toEqualTypeOf<z.input<typeof SendMyChatMessageInput>>();
  });

  it('rejects what the contracts reject', () => {
    // @ts-expect-error: chat_id is required
    void (() => agent.agent.chats.nextMessage.query({}));
    const gossip = { chat_id: 'x', event: { message_type: 'gossip', content: 'hi' } } as const;
    // @ts-expect-error: not an event type
    void (() => agent.agent.chats.createEvent.mutate(gossip));
    // @ts-expect-error: an agent client has no Human API
    void (() => agent.human);
    // @ts-expect-error: a human client has no Agent API
    void (() => human.agent);
  });

  it('the event stream yields tracked events of the contract', () => {
    type OnData = NonNullable<Parameters<typeof agent.agent.events.stream.subscribe>[1]['onData']>;
    expectTypeOf<Parameters<OnData>[0]>().toEqualTypeOf<TrackedStreamEvent>();
    expectTypeOf<TrackedStreamEvent>().toEqualTypeOf<{ id: string; data: StreamEvent }>();
    // An intersection with index signatures: equal both ways, which toEqualTypeOf cannot express.
    expectTypeOf<StreamEvent>().toExtend<ContractStreamEvent>();
    expectTypeOf<ContractStreamEvent>().toExtend<StreamEvent>();
    type StreamInput = { lastEventId?: string | null | undefined } | undefined;
    // biome-ignore lint/suspicious/noConfusingVoidType: tRPC types an optional input as `void | …`
    expectTypeOf(agent.agent.events.stream.subscribe).parameter(0).toEqualTypeOf<StreamInput | void>();
  });

  it('helpers and errors carry the router’s types', () => {
    expectTypeOf<ChatMessage>().toEqualTypeOf<NonNullable<z.output<typeof GetAgentNextMessageOutput>>['data']>();
    expectTypeOf<AgentMe>().toEqualTypeOf<z.output<typeof GetAgentMeOutput>['data']>();
    expectTypeOf<MessageContext['reply']>().returns.resolves.toEqualTypeOf<
      z.output<typeof CreateAgentChatMessageOutput>
    >();
    expectTypeOf<ParleyError['code']>().toExtend<string>();
    expectTypeOf<'rate_limited'>().toExtend<ServerErrorCode>();
    expectTypeOf<'resync_required'>().toExtend<ServerErrorCode>();
  });
});

describe('REST-only aliases', () => {
  it('are not offered by the native client (each operation once, under its own name)', () => {
    expectTypeOf(human.human.contacts.requests).toHaveProperty('cancel');
    expectTypeOf(human.human.contacts.requests).not.toHaveProperty('cancelAlias');
    expectTypeOf(human.human.contacts.requests).not.toHaveProperty('listReceivedAlias');
    expectTypeOf(human.human.contacts).not.toHaveProperty('removeById');
    expectTypeOf(human).not.toHaveProperty('restAliases');
    expectTypeOf(agent).not.toHaveProperty('restAliases');
  });
});
