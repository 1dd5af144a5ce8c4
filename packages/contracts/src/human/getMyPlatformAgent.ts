import { z } from 'zod';
import { operation } from '../operationMeta.js';
import { PlatformAgentSettings } from './platformAgentSettings.js';

export const getMyPlatformAgentMeta = operation({
  caller: 'user',
  method: 'GET',
  path: '/me/agents/{id}/platform',
  operationId: 'getMyPlatformAgent',
  summary: 'Read a platform agent’s settings (Parley extension)',
  description:
    'A Parley extension. The instructions, model and generation settings of a platform agent you own, ' +
    'and the models the server allows. Another user’s agent, an unknown id and an external agent are 404.',
  tags: ['humanApiAgents'],
  errors: ['not_found'],
});

export const GetMyPlatformAgentInput = z.strictObject({ id: z.uuid().meta({ description: 'Agent ID' }) });
export const GetMyPlatformAgentOutput = z.object({ data: PlatformAgentSettings });
