import { router } from '../../../trpc.js';
import { archiveUserMemory } from './archiveUserMemory.js';
import { deleteUserMemory } from './deleteUserMemory.js';
import { getUserMemory } from './getUserMemory.js';
import { listUserMemories } from './listUserMemories.js';
import { restoreUserMemory } from './restoreUserMemory.js';
import { supersedeUserMemory } from './supersedeUserMemory.js';

/** Memories about the user, or in its organization and rooms (`/me/memories/*`). */
export const humanMemoriesRouter = router({
  list: listUserMemories,
  get: getUserMemory,
  supersede: supersedeUserMemory,
  archive: archiveUserMemory,
  restore: restoreUserMemory,
  delete: deleteUserMemory,
});
