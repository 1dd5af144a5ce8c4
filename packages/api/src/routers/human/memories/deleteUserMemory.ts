import {
  DeleteUserMemoryInput,
  DeleteUserMemoryOutput,
  deleteUserMemoryMeta,
} from '@parley/contracts/human/deleteUserMemory';
import { deleteUserMemory as deleteMemory } from '@parley/core/memories/changeUserMemory';
import { humanProcedure } from '../../../trpc.js';

/** Answers 204 with no body over REST (null over native tRPC). */
export const deleteUserMemory = humanProcedure
  .meta(deleteUserMemoryMeta)
  .input(DeleteUserMemoryInput)
  .output(DeleteUserMemoryOutput)
  .mutation(async ({ ctx, input }) => {
    await deleteMemory(ctx.deps, ctx.identity, input.id);
    return null;
  });
