import { z } from 'zod';
import { MemoryIdInput } from '../memoryInputs.js';
import { UserMemory } from '../objects/memory.js';
import { operation } from '../operationMeta.js';

export const getUserMemoryMeta = operation({
  caller: 'user',
  method: 'GET',
  path: '/me/memories/{id}',
  operationId: 'getUserMemory',
  summary: 'Get a memory',
  description:
    'A memory you can see (about you, organization-scoped, or stored in a room you are in), ' +
    'whatever its status; any other is a 404.',
  tags: ['humanApiMemories'],
  errors: ['not_found'],
});

export const GetUserMemoryInput = MemoryIdInput;
export const GetUserMemoryOutput = z.object({ data: UserMemory });
