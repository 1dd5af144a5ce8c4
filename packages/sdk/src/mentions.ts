import type { RouterInputs } from './parleyRouter.js';

/** One mention as the server takes it: `{ id }` or `{ handle }`, and optionally `kind`. */
export type MentionInput = NonNullable<RouterInputs['agent']['chats']['sendMessage']['message']['mentions']>[number];

/** Whom to mention: a participant id, a handle (`@` optional), or a mention object. */
export type MentionTarget = string | MentionInput;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Turns mention targets into the server's mention objects: a UUID is an id, anything else a
 * handle (the server resolves handles among the room's participants, with or without `@`).
 */
export function toMentions(targets: readonly MentionTarget[]): MentionInput[] {
  return targets.map((target) => {
    if (typeof target !== 'string') return target;
    const text = target.trim();
    return UUID.test(text) ? { id: text } : { handle: text.replace(/^@/, '') };
  });
}
