import { z } from 'zod';
import { MemoryIdInput } from '../memoryInputs.js';
import { AgentMemory } from '../objects/memory.js';
import { operation } from '../operationMeta.js';

export const getAgentMemoryMeta = operation({
  caller: 'agent',
  method: 'GET',
  path: '/agent/memories/{id}',
  operationId: 'getAgentMemory',
  summary: 'Get a memory',
  description: 'Any memory of your organization, whatever its status. Another organization’s is a 404.',
  tags: ['agentApiMemories'],
  errors: ['not_found'],
});

export const GetAgentMemoryInput = MemoryIdInput;
export const GetAgentMemoryOutput = z.object({ data: AgentMemory });
