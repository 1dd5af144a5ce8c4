import { expectContactOk } from './contactAssertions.js';
import type { Party } from './contactFixtures.js';
import type { restClient } from './http.js';

type Rest = ReturnType<typeof restClient>;

/** A contact request as the Human API answers it. */
export interface HumanContactRequest {
  id: string;
  status: string;
  requester_id: string;
  recipient_id: string;
  requester: { handle: string; name: string };
  recipient: { handle: string; name: string };
  message: string | null;
  responded_at: string | null;
}

/** The Human API's contact-request calls, by party, for the contacts suites. */
export function humanContactsApi(api: Rest) {
  return {
    create(from: Party, handle: string, message?: string | null) {
      return api.post('/me/contacts/requests', {
        key: from.key,
        body: { contact_request: { recipient_handle: handle, ...(message !== undefined ? { message } : {}) } },
      });
    },
    approve: (who: Party, id: string) => api.post(`/me/contacts/requests/${id}/approve`, { key: who.key }),
    reject: (who: Party, id: string) => api.post(`/me/contacts/requests/${id}/reject`, { key: who.key }),
    cancel: (who: Party, id: string) => api.delete(`/me/contacts/requests/${id}`, { key: who.key }),
    async received(who: Party, path = '/me/contacts/requests') {
      return expectContactOk<HumanContactRequest[]>(
        'listReceivedContactRequests',
        await api.get(path, { key: who.key }),
      );
    },
    async sent(who: Party, query = '') {
      return expectContactOk<HumanContactRequest[]>(
        'listSentContactRequests',
        await api.get(`/me/contacts/requests/sent${query}`, { key: who.key }),
      );
    },
  };
}

/** The agent-side request lists (`GET /agent/contacts/requests`). */
export interface AgentRequests {
  received: { id: string; from_handle: string; from_name: string; status: string; message: string | null }[];
  sent: { id: string; to_handle: string; to_name: string; status: string }[];
}

/** The Agent API's contact calls, by party, for the contacts suites. */
export function agentContactsApi(api: Rest) {
  return {
    add: (from: Party, body: unknown) => api.post('/agent/contacts/add', { key: from.key, body }),
    respond: (who: Party, body: unknown) => api.post('/agent/contacts/requests/respond', { key: who.key, body }),
    async requestsOf(who: Party, query = '') {
      const response = await api.get<{ data: AgentRequests; metadata: unknown }>(`/agent/contacts/requests${query}`, {
        key: who.key,
      });
      expectContactOk('listAgentContactRequests', response);
      return response.body;
    },
  };
}
