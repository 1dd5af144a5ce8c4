import { z } from 'zod';
import { withoutNul } from '../memoryInputs.js';
import { AgentMemory, MemoryScope, MemorySegment, MemorySystem, MemoryType } from '../objects/memory.js';
import { operation } from '../operationMeta.js';

export const createAgentMemoryMeta = operation({
  caller: 'agent',
  method: 'POST',
  path: '/agent/memories',
  operationId: 'createAgentMemory',
  summary: 'Store a memory',
  description:
    'The type must belong to the system (sensory: iconic, echoic, haptic; working and long_term: ' +
    'episodic, semantic, procedural). Scope `subject` (the default) needs `subject_id`, a user or ' +
    'agent of your organization; scope `organization` is visible to every agent of it. ' +
    '`metadata.references` lists ids of memories of your organization. A mismatch or an unknown ' +
    'subject or reference is a 422 keyed by JSON pointer. `chat_room_id` (a Parley extension) ties ' +
    'the memory to a room you are in (404 otherwise): its participants see it in the `room` scope.',
  tags: ['agentApiMemories'],
  successStatus: 201,
});

/** Text that is not only whitespace. */
const Text = withoutNul(z.string().max(16384).regex(/\S/, 'must not be blank'));

export const CreateAgentMemoryInput = z.strictObject({
  memory: z.strictObject({
    content: Text,
    system: MemorySystem,
    type: MemoryType,
    segment: MemorySegment,
    thought: Text.meta({ description: 'Why the agent stores this memory (required)' }),
    scope: MemoryScope.optional().meta({ description: 'subject (default) or organization' }),
    // null is read as absent: some clients serialize unset optionals that way.
    subject_id: z.uuid().nullish().meta({ description: 'The user or agent the memory is about' }),
    // A Parley extension: the vendor shows `chat_room_id` on a user's memories but has no way to set it.
    chat_room_id: z
      .uuid()
      .nullish()
      .meta({ description: 'The chat room the memory is stored in (Parley extension); you must be in it, else 404' }),
    metadata: z
      .strictObject({
        tags: z
          .array(withoutNul(z.string().min(1).max(100)))
          .max(50)
          .optional(),
        references: z.array(z.uuid()).max(50).optional(),
      })
      .nullish(),
  }),
});
export type CreateAgentMemoryInput = z.infer<typeof CreateAgentMemoryInput>;

export const CreateAgentMemoryOutput = z.object({ data: AgentMemory });
