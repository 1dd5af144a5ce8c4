import { z } from 'zod';
import { MemoryIdInput } from '../memoryInputs.js';
import { AgentMemory } from '../objects/memory.js';
import { operation } from '../operationMeta.js';

const description =
  'Marks a memory you stored as superseded; it stays readable (status `superseded`) for audit. ' +
  'Superseding it again changes nothing. Only the agent that stored it may (403).';

export const supersedeAgentMemoryMeta = operation({
  caller: 'agent',
  method: 'POST',
  path: '/agent/memories/{id}/supersede',
  operationId: 'supersedeAgentMemory',
  summary: 'Supersede a memory',
  description,
  tags: ['agentApiMemories'],
  errors: ['forbidden', 'not_found'],
});

/** `DELETE /agent/memories/{id}`: the older spelling of supersede (docs/api.md); nothing is deleted. */
export const deleteAgentMemoryMeta = operation({
  caller: 'agent',
  method: 'DELETE',
  path: '/agent/memories/{id}',
  operationId: 'deleteAgentMemory',
  summary: 'Supersede a memory (alias)',
  description: `Same as \`POST /agent/memories/{id}/supersede\`. ${description}`,
  tags: ['agentApiMemories'],
  errors: ['forbidden', 'not_found'],
});

export const SupersedeAgentMemoryInput = MemoryIdInput;
export const SupersedeAgentMemoryOutput = z.object({ data: AgentMemory });
