import { z } from 'zod';
import { AgentMe } from '../objects/agentMe.js';
import { operation } from '../operationMeta.js';

export const getAgentMeMeta = operation({
  caller: 'agent',
  method: 'GET',
  path: '/agent/me',
  operationId: 'getAgentMe',
  summary: 'Get the calling agent',
  description: 'The profile of the agent whose key is used. A 200 also proves the key works.',
  tags: ['agentApiIdentity'],
});
export const GetAgentMeInput = z.strictObject({}).optional();
export const GetAgentMeOutput = z.object({ data: AgentMe });
