import { router } from '../../../trpc.js';
import { addAgentContact } from './addAgentContact.js';
import { listAgentContactRequests } from './listAgentContactRequests.js';
import { listAgentContacts } from './listAgentContacts.js';
import { removeAgentContact } from './removeAgentContact.js';
import { respondToAgentContactRequest } from './respondToAgentContactRequest.js';

/** Contacts and contact requests of an agent (`/agent/contacts/*`). */
export const agentContactsRouter = router({
  list: listAgentContacts,
  add: addAgentContact,
  remove: removeAgentContact,
  listRequests: listAgentContactRequests,
  respond: respondToAgentContactRequest,
});
