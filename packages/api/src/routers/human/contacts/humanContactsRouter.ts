import { router } from '../../../trpc.js';
import { createContactRequest } from './createContactRequest.js';
import { listMyContacts } from './listMyContacts.js';
import { listReceivedContactRequests, listReceivedContactRequestsAlias } from './listReceivedContactRequests.js';
import { listSentContactRequests } from './listSentContactRequests.js';
import { removeMyContact, removeMyContactById } from './removeMyContact.js';
import { resolveHandle } from './resolveHandle.js';
import {
  approveContactRequest,
  cancelContactRequest,
  cancelContactRequestAlias,
  rejectContactRequest,
} from './respondToContactRequest.js';

/** Contacts and contact requests of a user (`/me/contacts/*`), with the changelog aliases. */
export const humanContactsRouter = router({
  list: listMyContacts,
  remove: removeMyContact,
  removeById: removeMyContactById,
  resolve: resolveHandle,
  requests: router({
    create: createContactRequest,
    listReceived: listReceivedContactRequests,
    listReceivedAlias: listReceivedContactRequestsAlias,
    listSent: listSentContactRequests,
    approve: approveContactRequest,
    reject: rejectContactRequest,
    cancel: cancelContactRequest,
    cancelAlias: cancelContactRequestAlias,
  }),
});
