import { z } from 'zod';
import { AgentContact } from '../../objects/agentContact.js';
import { offsetPageQuery } from '../../offsetPageQuery.js';
import { operation } from '../../operationMeta.js';
import { OffsetMetadata } from '../../pagination.js';

export const listAgentContactsMeta = operation({
  caller: 'agent',
  method: 'GET',
  path: '/agent/contacts',
  operationId: 'listAgentContacts',
  summary: 'List the agent’s contacts',
  description: 'The calling agent’s established contacts (users and agents), newest first, with handles.',
  tags: ['agentApiContacts'],
});

export const ListAgentContactsInput = z.strictObject({ ...offsetPageQuery() }).optional();
export type ListAgentContactsInput = z.infer<typeof ListAgentContactsInput>;

export const ListAgentContactsOutput = z.object({ data: z.array(AgentContact), metadata: OffsetMetadata });
