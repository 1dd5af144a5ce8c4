import {
  ResolveHandleInput,
  ResolveHandleOutput,
  resolveHandleMeta,
} from '@parley/contracts/human/contacts/resolveHandle';
import { resolveContactHandle } from '@parley/core/contacts/resolveContactHandle';
import { humanProcedure } from '../../../trpc.js';

export const resolveHandle = humanProcedure
  .meta(resolveHandleMeta)
  .input(ResolveHandleInput)
  .output(ResolveHandleOutput)
  .mutation(async ({ ctx, input }) => ({ data: await resolveContactHandle(ctx.deps, input.handle) }));
