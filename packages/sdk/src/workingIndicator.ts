import type { AgentClient } from './createAgentClient.js';

/**
 * Shows the room's "working" indicator while `work` runs: reports `working: true` at once and
 * then every `keepAliveMs` (the server turns it off ~10 s after the last report, so a crashed
 * agent clears by itself), and `working: false` when `work` settles. Reports are best effort:
 * a failed one is passed to `onError` and never fails the work.
 *
 * @example
 * await whileWorking(client, roomId, 3000, () => answer(message), (e) => console.warn(e));
 */
export async function whileWorking<T>(
  client: AgentClient,
  roomId: string,
  keepAliveMs: number,
  work: () => Promise<T>,
  onError: (error: unknown) => void,
): Promise<T> {
  if (keepAliveMs <= 0) return work();
  const send = (working: boolean) =>
    client.agent.chats.reportActivity.mutate({ chat_id: roomId, working }).then(
      () => undefined,
      (error: unknown) => onError(error),
    );
  let last = send(true);
  const timer = setInterval(() => {
    last = last.then(() => send(true));
  }, keepAliveMs);
  try {
    return await work();
  } finally {
    clearInterval(timer);
    // After any keep-alive still under way, so the last word is "stopped".
    void last.then(() => send(false));
  }
}
