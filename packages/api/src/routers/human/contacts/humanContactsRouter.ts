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

/** Contacts and contact requests of a user (`/me/contacts/*`). */
export const humanContactsRouter = router({
  list: listMyContacts,
  remove: removeMyContact,
  resolve: resolveHandle,
  requests: router({
    create: createContactRequest,
    listReceived: listReceivedContactRequests,
    listSent: listSentContactRequests,
    approve: approveContactRequest,
    reject: rejectContactRequest,
    cancel: cancelContactRequest,
  }),
});

/**
 * The vendor changelog's alternative REST paths for the same operations: served over REST only
 * (see `restRouter`), so the native client offers each operation once.
 */
export const humanContactsRestAliases = router({
  removeById: removeMyContactById,
  requests: router({
    listReceivedAlias: listReceivedContactRequestsAlias,
    cancelAlias: cancelContactRequestAlias,
  }),
});
