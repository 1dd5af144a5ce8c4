import {
  ListPlatformModelsInput,
  ListPlatformModelsOutput,
  listPlatformModelsMeta,
} from '@parley/contracts/human/listPlatformModels';
import { requirePlatformModels } from '@parley/core/platformAgents/platformModels';
import { humanProcedure } from '../../../trpc.js';

export const listPlatformModels = humanProcedure
  .meta(listPlatformModelsMeta)
  .input(ListPlatformModelsInput)
  .output(ListPlatformModelsOutput)
  .query(({ ctx }) => {
    const models = requirePlatformModels(ctx.deps);
    return { data: { models: [...models], default_model: models[0] as string } };
  });
