import { z } from 'zod';
import { MemoryIdInput } from '../memoryInputs.js';
import { UserMemory } from '../objects/memory.js';
import { operation } from '../operationMeta.js';

export const archiveUserMemoryMeta = operation({
  caller: 'user',
  method: 'POST',
  path: '/me/memories/{id}/archive',
  operationId: 'archiveUserMemory',
  summary: 'Archive a memory about you',
  description:
    'Archives a memory whose subject is you (restore brings it back); again changes nothing. A ' +
    'superseded memory stays superseded (422). Not about you: 403.',
  tags: ['humanApiMemories'],
  errors: ['forbidden', 'not_found'],
});

export const ArchiveUserMemoryInput = MemoryIdInput;
export const ArchiveUserMemoryOutput = z.object({ data: UserMemory });
