import { z } from 'zod';
import { MemoryIdInput } from '../memoryInputs.js';
import { operation } from '../operationMeta.js';

export const deleteUserMemoryMeta = operation({
  caller: 'user',
  method: 'DELETE',
  path: '/me/memories/{id}',
  operationId: 'deleteUserMemory',
  summary: 'Delete a memory about you',
  description:
    'Deletes a memory whose subject is you, for good, whatever its status (204, no body). Not about ' + 'you: 403.',
  tags: ['humanApiMemories'],
  successStatus: 204,
  errors: ['forbidden', 'not_found'],
});

export const DeleteUserMemoryInput = MemoryIdInput;
export const DeleteUserMemoryOutput = z.null();
