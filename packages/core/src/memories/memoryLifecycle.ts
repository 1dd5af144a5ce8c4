import type { MemoryStatus } from '@parley/contracts/objects/memory';
import { AppError } from '../appError.js';

export type MemoryAction = 'supersede' | 'archive' | 'restore';

/**
 * The status a memory moves to. Superseding is final and allowed from any status (superseded
 * memories are kept for audit, never revived); archiving is undone by restoring; repeating an
 * action is a no-op. Archiving a superseded memory or restoring a non-archived one is a 422.
 */
export function statusAfter(current: MemoryStatus, action: MemoryAction): MemoryStatus {
  switch (action) {
    case 'supersede':
      return 'superseded';
    case 'archive':
      if (current === 'superseded') throw stateError('A superseded memory cannot be archived');
      return 'archived';
    case 'restore':
      if (current !== 'archived') throw stateError(`Only an archived memory can be restored; this one is ${current}`);
      return 'active';
  }
}

function stateError(message: string): AppError {
  return new AppError('validation_error', message, { '/id': [message] });
}
