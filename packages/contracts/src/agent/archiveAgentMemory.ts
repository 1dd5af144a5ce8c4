import { z } from 'zod';
import { MemoryIdInput } from '../memoryInputs.js';
import { AgentMemory } from '../objects/memory.js';
import { operation } from '../operationMeta.js';

export const archiveAgentMemoryMeta = operation({
  caller: 'agent',
  method: 'POST',
  path: '/agent/memories/{id}/archive',
  operationId: 'archiveAgentMemory',
  summary: 'Archive a memory',
  description:
    'Archives a memory you stored (status `archived`); archiving it again changes nothing. A ' +
    'superseded memory stays superseded (422). Only the agent that stored it may (403).',
  tags: ['agentApiMemories'],
  errors: ['forbidden', 'not_found'],
});

export const ArchiveAgentMemoryInput = MemoryIdInput;
export const ArchiveAgentMemoryOutput = z.object({ data: AgentMemory });
