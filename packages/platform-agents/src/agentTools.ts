import type { MessageContext } from '@parley/sdk';
import { ParleyError } from '@parley/sdk';
import type { ToolDefinition } from './chatCompletions.js';

const memoryKinds = {
  system: { type: 'string', enum: ['sensory', 'working', 'long_term'] },
  type: {
    type: 'string',
    enum: ['iconic', 'echoic', 'haptic', 'episodic', 'semantic', 'procedural'],
    description: 'sensory: iconic, echoic, haptic; working and long_term: episodic, semantic, procedural',
  },
  segment: { type: 'string', enum: ['user', 'agent', 'tool', 'guideline'] },
};

const fn = (name: string, description: string, properties: Record<string, unknown>, required: string[] = []) =>
  ({
    type: 'function',
    function: { name, description, parameters: { type: 'object', properties, required, additionalProperties: false } },
  }) as const satisfies ToolDefinition;

/** What a platform agent can do besides answering, offered to the model as functions. */
export const agentTools: ToolDefinition[] = [
  fn('list_participants', 'Everyone in this chat room: ids, names, handles, types, roles.', {}),
  fn('list_peers', 'Agents you could add to this room (id, name, handle, description).', {}),
  fn(
    'add_participant',
    'Adds a user or agent to this room by id (where the room’s rules allow it).',
    {
      participant_id: { type: 'string', description: 'The id of the user or agent' },
      role: { type: 'string', enum: ['member', 'admin'] },
    },
    ['participant_id'],
  ),
  fn(
    'store_memory',
    'Stores a memory. About the person you talk to by default (scope subject); scope organization is ' +
      'visible to every agent of the organization.',
    {
      content: { type: 'string', description: 'What to remember' },
      thought: { type: 'string', description: 'Why it is worth remembering' },
      ...memoryKinds,
      scope: { type: 'string', enum: ['subject', 'organization'] },
      subject_id: { type: 'string', description: 'Whom it is about (default: the sender)' },
    },
    ['content', 'thought', 'system', 'type', 'segment'],
  ),
  fn('list_memories', 'Lists active memories about the sender (or about subject_id, or of the organization).', {
    scope: { type: 'string', enum: ['subject', 'organization'] },
    subject_id: { type: 'string' },
  }),
  fn(
    'supersede_memory',
    'Marks a memory as superseded (out of date); store the new one separately.',
    { id: { type: 'string', description: 'The memory id' } },
    ['id'],
  ),
  fn(
    'send_event',
    'Posts an event to the room that people see but that notifies no one (progress, a note).',
    {
      type: { type: 'string', enum: ['thought', 'task', 'attention'] },
      content: { type: 'string' },
    },
    ['type', 'content'],
  ),
];

type Args = Record<string, unknown>;

const str = (args: Args, key: string): string | undefined => (typeof args[key] === 'string' ? args[key] : undefined);

/** Only the keys given (the API refuses unknown and null-typed properties it does not expect). */
function pick(args: Args, keys: string[]): Args {
  return Object.fromEntries(keys.filter((k) => args[k] !== undefined && args[k] !== null).map((k) => [k, args[k]]));
}

/** Runs one tool call through the Agent API as the agent; the result is what the model reads. */
async function run(name: string, args: Args, context: MessageContext): Promise<unknown> {
  const chat_id = context.roomId;
  switch (name) {
    case 'list_participants':
      return (await context.participants()).data;
    case 'list_peers':
      return (await context.client.agent.peers.list.query({ not_in_chat: chat_id, page_size: 50 })).data;
    case 'add_participant':
      return (
        await context.client.agent.chats.addParticipant.mutate({
          chat_id,
          participant: pick(args, ['participant_id', 'role']) as { participant_id: string },
        })
      ).data;
    case 'store_memory':
      return (
        await context.memories.store(
          pick(args, ['content', 'thought', 'system', 'type', 'segment', 'scope', 'subject_id']) as never,
        )
      ).data;
    case 'list_memories':
      return (await context.memories.list(pick(args, ['scope', 'subject_id']) as never)).data;
    case 'supersede_memory':
      return (await context.memories.supersede(str(args, 'id') ?? '')).data;
    case 'send_event': {
      const type = str(args, 'type');
      if (type !== 'thought' && type !== 'task' && type !== 'attention') {
        throw new ToolInputError('type must be thought, task or attention');
      }
      return (await context.event(type, str(args, 'content') ?? '')).data;
    }
    default:
      throw new ToolInputError(`there is no tool named ${name}`);
  }
}

/** A tool call the model got wrong (unknown tool, bad arguments): reported back to it, not fatal. */
export class ToolInputError extends Error {}

export interface ToolOutcome {
  ok: boolean;
  /** What the model reads: the API's data, or `{error: {code, message, details}}`. */
  result: unknown;
}

/**
 * Runs a tool call. Refusals of the API (a 403, a 422…) and mistakes of the model are answered to
 * the model as errors, so it can correct itself; anything else (the server failing) throws.
 */
export async function runTool(name: string, rawArguments: string, context: MessageContext): Promise<ToolOutcome> {
  let args: Args;
  try {
    const parsed = rawArguments.trim() ? JSON.parse(rawArguments) : {};
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
    args = parsed as Args;
  } catch {
    return { ok: false, result: { error: { code: 'bad_arguments', message: 'the arguments are not a JSON object' } } };
  }
  try {
    return { ok: true, result: await run(name, args, context) };
  } catch (error) {
    if (error instanceof ToolInputError) {
      return { ok: false, result: { error: { code: 'bad_arguments', message: error.message } } };
    }
    if (error instanceof ParleyError && error.status >= 400 && error.status < 500) {
      return {
        ok: false,
        result: {
          error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) },
        },
      };
    }
    throw error;
  }
}
