import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness/testServer.js';
import { vendorStatuses } from './harness/vendorContract.js';

/** Our OpenAPI document serves every vendor contacts operation at its method and path. */

type Operations = Record<string, Record<string, { operationId?: string; responses?: Record<string, unknown> }>>;

const vendor = JSON.parse(readFileSync(new URL('./vendor/band-request-api-openapi.json', import.meta.url), 'utf8')) as {
  paths: Operations;
};
const CONTACT_OPERATIONS = [
  'respondToAgentContactRequest',
  'addAgentContact',
  'listAgentContactRequests',
  'listAgentContacts',
  'removeAgentContact',
  'rejectContactRequest',
  'removeMyContact',
  'listReceivedContactRequests',
  'createContactRequest',
  'listSentContactRequests',
  'approveContactRequest',
  'resolveHandle',
  'cancelContactRequest',
  'listMyContacts',
];

let ts: TestServer;
let ours: Operations;
beforeAll(async () => {
  ts = await startTestServer();
  ours = ((await (await fetch(`${ts.url}/api/v1/openapi.json`)).json()) as { paths: Operations }).paths;
});
afterAll(async () => ts?.close());

function find(paths: Operations, operationId: string) {
  for (const [path, methods] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (op.operationId === operationId) return { path: path.replace(/^\/api\/v1/, ''), method, op };
    }
  }
  return undefined;
}

it.each(CONTACT_OPERATIONS)('%s: same method and path, a success status the vendor documents', (operationId) => {
  const theirs = find(vendor.paths, operationId);
  const mine = find(ours, operationId);
  expect(theirs, `vendor has ${operationId}`).toBeDefined();
  expect(mine, `we serve ${operationId}`).toBeDefined();
  expect(`${mine?.method} ${mine?.path}`).toBe(`${theirs?.method} ${theirs?.path}`);
  const success = Object.keys(mine?.op.responses ?? {})
    .map(Number)
    .filter((s) => s < 300);
  expect(success).toHaveLength(1);
  expect(vendorStatuses(operationId)).toContain(success[0]);
});

it('also serves the changelog aliases', () => {
  expect(ours['/me/contacts/requests/received']?.get?.operationId).toBe('listReceivedContactRequestsAlias');
  expect(ours['/me/contacts/requests/{id}/cancel']?.post?.operationId).toBe('cancelContactRequestAlias');
  expect(ours['/me/contacts/{id}']?.delete?.operationId).toBe('removeMyContactById');
});
