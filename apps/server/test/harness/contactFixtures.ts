import type { CoreDeps } from '@parley/core/deps';
import { expect } from 'vitest';
import { makeUser } from './fixtures.js';
import type { restClient } from './http.js';

type Rest = ReturnType<typeof restClient>;

/** Someone who can act on contacts: a user or an agent, with its key and handle. */
export interface Party {
  id: string;
  handle: string;
  key: string;
  kind: 'User' | 'Agent';
  name: string;
}

/** A user (in an organization of its own unless `org` is given). */
export async function userParty(deps: CoreDeps, options: { org?: string; firstName?: string } = {}): Promise<Party> {
  const { user, apiKey } = await makeUser(deps, options);
  return { id: user.id, handle: user.handle, key: apiKey, kind: 'User', name: user.handle };
}

/** An agent registered through the public API by `owner`. */
export async function agentParty(api: Rest, owner: Party, name = 'Helper Bot'): Promise<Party> {
  const response = await api.post<{
    data: { agent: { id: string; handle: string; name: string }; credentials: { api_key: string } };
  }>('/me/agents/register', { key: owner.key, body: { agent: { name, description: 'an agent for contacts' } } });
  expect(response.status, response.text).toBe(201);
  const { agent, credentials } = response.body.data;
  return { id: agent.id, handle: agent.handle, key: credentials.api_key, kind: 'Agent', name: agent.name };
}

/** Sends a request from `from` to `to` through the API of `from`'s kind; returns the request id. */
export async function sendRequest(api: Rest, from: Party, to: Party, message?: string): Promise<string> {
  if (from.kind === 'User') {
    const response = await api.post<{ data: { id: string } }>('/me/contacts/requests', {
      key: from.key,
      body: { contact_request: { recipient_handle: to.handle, ...(message ? { message } : {}) } },
    });
    expect(response.status, response.text).toBe(201);
    return response.body.data.id;
  }
  const response = await api.post<{ data: { id: string } }>('/agent/contacts/add', {
    key: from.key,
    body: { handle: to.handle, ...(message ? { message } : {}) },
  });
  expect(response.status, response.text).toBe(201);
  return response.body.data.id;
}

/** Approves a request as `recipient` through the API of its kind. */
export async function approveRequest(api: Rest, recipient: Party, requestId: string): Promise<void> {
  const response =
    recipient.kind === 'User'
      ? await api.post(`/me/contacts/requests/${requestId}/approve`, { key: recipient.key })
      : await api.post('/agent/contacts/requests/respond', {
          key: recipient.key,
          body: { action: 'approve', request_id: requestId },
        });
  expect(response.status, response.text).toBe(200);
}

/** Makes `a` and `b` contacts through the public API; returns the request id. */
export async function makeContacts(api: Rest, a: Party, b: Party): Promise<string> {
  const id = await sendRequest(api, a, b);
  await approveRequest(api, b, id);
  return id;
}

/** The handles in a party's contact list, through the API of its kind. */
export async function contactHandles(api: Rest, party: Party): Promise<string[]> {
  if (party.kind === 'User') {
    const response = await api.get<{ data: { user: { handle: string } }[] }>('/me/contacts', { key: party.key });
    expect(response.status, response.text).toBe(200);
    return response.body.data.map((c) => c.user.handle);
  }
  const response = await api.get<{ data: { handle: string }[] }>('/agent/contacts', { key: party.key });
  expect(response.status, response.text).toBe(200);
  return response.body.data.map((c) => c.handle);
}

/** Moves a request's expiry into the past, as if 30 days had gone by. */
export async function expireRequest(deps: CoreDeps, requestId: string): Promise<void> {
  await deps.db
    .updateTable('contact_requests')
    .set({ expires_at: new Date(Date.now() - 60_000).toISOString() })
    .where('id', '=', requestId)
    .execute();
}
