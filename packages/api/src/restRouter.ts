import { agentRouter } from './routers/agentRouter.js';
import { humanContactsRestAliases } from './routers/human/contacts/humanContactsRouter.js';
import { humanRouter } from './routers/humanRouter.js';
import { testCredentials } from './routers/shared/testCredentials.js';
import { router } from './trpc.js';

/**
 * What the REST API serves: the native router plus the REST-only aliases (alternative vendor
 * paths of operations the native client already has). Their procedure paths never reach
 * `AppRouter`, so the SDK's types do not offer them.
 */
export const restRouter = router({
  human: humanRouter,
  agent: agentRouter,
  test: testCredentials,
  restAliases: router({ human: router({ contacts: humanContactsRestAliases }) }),
});

export type RestRouter = typeof restRouter;
