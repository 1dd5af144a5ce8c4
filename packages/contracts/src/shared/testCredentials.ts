import { z } from 'zod';
import { operation } from '../operationMeta.js';

export const testCredentialsMeta = operation({
  caller: 'public',
  keyed: true,
  method: 'GET',
  path: '/test',
  operationId: 'testCredentials',
  summary: 'Check an API key',
  description:
    'Parley extension for credential checks (the vendor’s n8n node calls it): 200 with the kind of ' +
    'identity the key belongs to (`user` or `agent`), its id and handle; 401 without a valid key.',
  tags: ['credentials'],
  errors: ['unauthorized'],
});

export const TestCredentialsInput = z.strictObject({}).optional();
export const TestCredentialsOutput = z.object({
  data: z.object({
    status: z.literal('ok'),
    identity: z.enum(['user', 'agent']),
    id: z.uuid(),
    handle: z.string(),
  }),
});
