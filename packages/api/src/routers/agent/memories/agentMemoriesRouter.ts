import { router } from '../../../trpc.js';
import { archiveAgentMemory } from './archiveAgentMemory.js';
import { createAgentMemory } from './createAgentMemory.js';
import { getAgentMemory } from './getAgentMemory.js';
import { listAgentMemories } from './listAgentMemories.js';
import { deleteAgentMemory, supersedeAgentMemory } from './supersedeAgentMemory.js';

/** Memories an agent stores and reads (`/agent/memories/*`). */
export const agentMemoriesRouter = router({
  create: createAgentMemory,
  list: listAgentMemories,
  get: getAgentMemory,
  supersede: supersedeAgentMemory,
  delete: deleteAgentMemory,
  archive: archiveAgentMemory,
});
