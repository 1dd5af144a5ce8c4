import { z } from 'zod';
import { MemoryIdInput } from '../memoryInputs.js';
import { UserMemory } from '../objects/memory.js';
import { operation } from '../operationMeta.js';

export const supersedeUserMemoryMeta = operation({
  caller: 'user',
  method: 'POST',
  path: '/me/memories/{id}/supersede',
  operationId: 'supersedeUserMemory',
  summary: 'Supersede a memory about you',
  description:
    'Marks a memory whose subject is you as superseded (kept for audit); again changes nothing. ' +
    'A memory you can see but that is not about you is a 403.',
  tags: ['humanApiMemories'],
  errors: ['forbidden', 'not_found'],
});

export const SupersedeUserMemoryInput = MemoryIdInput;
export const SupersedeUserMemoryOutput = z.object({ data: UserMemory });
