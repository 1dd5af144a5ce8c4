// An agent process for the crash-recovery test: it reports each message it starts, then never
// finishes it, so the test can kill it between `processing` and `processed`. Uses the built SDK.
import { createAgentClient, runAgent } from '../../dist/index.js';

const client = createAgentClient({ baseUrl: process.env.PARLEY_URL, apiKey: process.env.PARLEY_API_KEY });
await runAgent({
  client,
  // Short, so that the restarted agent gets the message soon after the kill (claims mode).
  leaseSeconds: 2,
  onReady: () => process.stdout.write('READY\n'),
  onMessage: async (message, { attempt }) => {
    process.stdout.write(`PROCESSING ${message.id} ${attempt}\n`);
    await new Promise(() => {});
  },
});
