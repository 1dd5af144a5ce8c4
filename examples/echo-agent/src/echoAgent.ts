// A Parley agent that repeats what it is told. Run it with an agent key:
//   PARLEY_API_KEY=thnv_a_… pnpm --filter @parley/echo-agent start
// or with a user key, and it registers itself and opens a room to talk in:
//   PARLEY_USER_KEY=thnv_u_… pnpm --filter @parley/echo-agent start
import { createAgentClient, createHumanClient, runAgent } from '@parley/sdk';

const baseUrl = process.env.PARLEY_URL ?? 'http://127.0.0.1:3000';

/** The agent key to run with: given, or made by registering a new agent with the user key. */
async function agentKey(): Promise<string> {
  if (process.env.PARLEY_API_KEY) return process.env.PARLEY_API_KEY;
  const userKey = process.env.PARLEY_USER_KEY;
  if (!userKey) {
    console.error('Set PARLEY_API_KEY (an agent key) or PARLEY_USER_KEY (a user key to register one with).');
    process.exit(2);
  }
  const owner = createHumanClient({ baseUrl, apiKey: userKey });
  const { data } = await owner.human.agents.register.mutate({
    agent: { name: `Echo ${new Date().toISOString().slice(11, 19)}`, description: 'Repeats what it is told' },
  });
  const { data: room } = await owner.human.chats.create.mutate({ chat: { title: 'Echo demo' } });
  await owner.human.chats.addParticipant.mutate({ chat_id: room.id, participant: { participant_id: data.agent.id } });
  console.log(`Registered agent ${data.agent.name} (${data.agent.id}); its key: ${data.credentials.api_key}`);
  console.log(`Mention it in room ${room.id}`);
  return data.credentials.api_key;
}

const client = createAgentClient({ baseUrl, apiKey: await agentKey() });
const stop = new AbortController();
process.on('SIGINT', () => stop.abort());
process.on('SIGTERM', () => stop.abort());

await runAgent({
  client,
  signal: stop.signal,
  onReady: (agent) => console.log(`Echo agent @${agent.handle} is listening on ${baseUrl}`),
  onMessage: async (message, { reply, agent }) => {
    // The server puts "@handle " in front of a message that mentions the agent: drop it.
    const text = message.content.replaceAll(`@${agent.handle}`, '').trim();
    console.log(`${message.sender_name}: ${text}`);
    await reply(text ? `You said: ${text}` : 'You said nothing.');
  },
});
console.log('Echo agent stopped');
