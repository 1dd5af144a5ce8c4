import { z } from 'zod';
import { MemoryIdInput } from '../memoryInputs.js';
import { UserMemory } from '../objects/memory.js';
import { operation } from '../operationMeta.js';

export const restoreUserMemoryMeta = operation({
  caller: 'user',
  method: 'POST',
  path: '/me/memories/{id}/restore',
  operationId: 'restoreUserMemory',
  summary: 'Restore an archived memory about you',
  description: 'Makes an archived memory whose subject is you active again. Any other status: 422. Not about you: 403.',
  tags: ['humanApiMemories'],
  errors: ['forbidden', 'not_found'],
});

export const RestoreUserMemoryInput = MemoryIdInput;
export const RestoreUserMemoryOutput = z.object({ data: UserMemory });
