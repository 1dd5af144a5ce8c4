import type { PrincipalKind } from '@parley/db/tables/principals';
import { type AppError, validationError } from '../appError.js';
import { isUnstorableText, UNSTORABLE_TEXT } from './unstorableText.js';

/** A mention as a client sends it; `kind` is unchecked until here so that its error has its own code. */
export interface MentionInput {
  id?: string | undefined;
  handle?: string | undefined;
  name?: string | undefined;
  kind?: unknown;
}

export interface RoomMember {
  id: string;
  type: PrincipalKind;
  handle: string;
  name: string;
}

export interface ResolvedMention {
  id: string;
  handle: string;
  name: string;
  kind: 'mention' | 'reference';
  type: PrincipalKind;
}

// Whitespace plus the invisible characters a "blank" message may be made of.
const INVISIBLE = /[\s\u00AD\u180E\u200B-\u200F\u2028-\u202F\u205F-\u2064\u3000\uFEFF]/gu;

export function isBlank(content: string): boolean {
  return content.replace(INVISIBLE, '') === '';
}

/**
 * Resolves the mentions of a text message against the room's participants (docs/messages.md) and returns
 * them in order, or throws the first rule broken, with a JSON Pointer to the offending entry:
 * blank content (`validation_error`), no mentions (`mentions_required`), a bad `kind`
 * (`invalid_mention_kind`), neither id nor handle (`mention_missing_identifier`), an id not in the
 * room (`mentioned_participant_not_in_room`), a handle no participant has (`handle_not_found`),
 * the sender itself (`cannot_mention_self`), the same participant twice (`duplicate_mentions`),
 * and finally no entry of kind `mention` (`mentions_required`). `id` wins over `handle`.
 */
export function resolveMentions(input: {
  content: string;
  mentions: MentionInput[] | null | undefined;
  senderId: string;
  members: RoomMember[];
  pointer: string;
}): ResolvedMention[] {
  const at = (suffix: string) => `${input.pointer}${suffix}`;
  const fail = (suffix: string, message: string, code: Parameters<typeof validationError>[2]): AppError =>
    validationError(at(suffix), message, code);
  if (isBlank(input.content)) throw fail('/content', "can't be blank", 'validation_error');
  if (isUnstorableText(input.content)) throw fail('/content', UNSTORABLE_TEXT, 'validation_error');
  const mentions = input.mentions ?? [];
  if (mentions.length === 0) throw fail('/mentions', 'must mention at least one participant', 'mentions_required');

  const byId = new Map(input.members.map((m) => [m.id, m]));
  const byHandle = new Map(input.members.map((m) => [m.handle, m]));
  const seen = new Set<string>();
  const resolved: ResolvedMention[] = [];
  mentions.forEach((entry, i) => {
    const path = `/mentions/${i}`;
    let kind: 'mention' | 'reference' = 'mention';
    if ('kind' in entry && entry.kind !== undefined) {
      if (entry.kind !== 'mention' && entry.kind !== 'reference') {
        throw fail(`${path}/kind`, 'must be "mention" or "reference"', 'invalid_mention_kind');
      }
      kind = entry.kind;
    }
    const handle = entry.handle?.trim().replace(/^@/, '').toLowerCase();
    let member: RoomMember | undefined;
    if (entry.id) {
      member = byId.get(entry.id);
      if (!member) throw fail(`${path}/id`, 'is not a participant of this room', 'mentioned_participant_not_in_room');
    } else if (handle) {
      member = byHandle.get(handle);
      if (!member) throw fail(`${path}/handle`, 'matches no participant of this room', 'handle_not_found');
    } else {
      throw fail(path, 'needs an id or a handle', 'mention_missing_identifier');
    }
    if (member.id === input.senderId) throw fail(path, 'you cannot mention yourself', 'cannot_mention_self');
    if (seen.has(member.id)) throw fail(path, 'mentions a participant already mentioned', 'duplicate_mentions');
    seen.add(member.id);
    resolved.push({ id: member.id, handle: member.handle, name: member.name, kind, type: member.type });
  });
  if (!resolved.some((m) => m.kind === 'mention')) {
    throw fail('/mentions', 'needs at least one entry of kind "mention"', 'mentions_required');
  }
  return resolved;
}

const HANDLE_CHAR = /[a-z0-9_/-]/i;

/** True when `@handle` appears in `content` as a whole handle (not as the start of a longer one). */
export function containsHandle(content: string, handle: string): boolean {
  const haystack = content.toLowerCase();
  const needle = `@${handle}`;
  for (let from = haystack.indexOf(needle); from !== -1; from = haystack.indexOf(needle, from + 1)) {
    const next = haystack.charAt(from + needle.length);
    const after = haystack.charAt(from + needle.length + 1);
    // A trailing "." ends a sentence unless a handle character follows it.
    if (next === '' || !(HANDLE_CHAR.test(next) || (next === '.' && HANDLE_CHAR.test(after)))) return true;
  }
  return false;
}

/**
 * The content as stored: every `mention`-kind participant whose `@handle` the text does not
 * contain is prepended as `@handle `, in mention order, so that readers see who was addressed.
 */
export function withMentionPrefix(content: string, mentions: ResolvedMention[]): string {
  const missing = mentions.filter((m) => m.kind === 'mention' && !containsHandle(content, m.handle));
  return missing.map((m) => `@${m.handle} `).join('') + content;
}
