import { z } from 'zod';
import type { ErrorCode } from './errorCodes.js';
import { participantRoles } from './objects/chatParticipant.js';

/** `{"chat": {title?, task_id?}}`; `{"chat": {}}` is valid. */
export const CreateChatBody = {
  chat: z.strictObject({
    title: z
      .string()
      .nullable()
      .optional()
      .meta({ description: 'Trimmed; at most 120 characters; no newline, carriage return or NUL. Blank = none' }),
    task_id: z.uuid().nullable().optional(),
  }),
};

/**
 * One mention of a text message. `kind` is checked by the server (not here) so that a bad value
 * answers `invalid_mention_kind` rather than a generic validation error.
 */
export const MentionInput = z.strictObject({
  id: z.uuid().optional(),
  handle: z.string().max(200).optional().meta({ description: 'With or without `@`; resolved among the participants' }),
  name: z.string().max(200).optional().meta({ description: 'Ignored: the server uses the participant’s name' }),
  kind: z
    .unknown()
    .optional()
    .meta({ description: '`mention` (default; delivers to an agent) or `reference` (narrative only)' }),
});

/** `{"message": {content!, mentions!}}` of a text message, for users and agents alike. */
export const SendMessageBody = {
  message: z.strictObject({
    content: z.string().max(65_536),
    mentions: z.array(MentionInput).max(100).nullable().optional().meta({
      description: 'At least one entry of kind `mention` (422 `mentions_required` otherwise)',
    }),
  }),
};

/** `{"participant": {participant_id!, role?}}`; the role defaults to `member`. */
export const AddParticipantBody = {
  participant: z.strictObject({
    participant_id: z.uuid(),
    role: z.enum(participantRoles).optional(),
  }),
};

/** Path parameters of every room-scoped operation below `/chats/{chat_id}`. */
export const ChatIdParam = { chat_id: z.uuid().meta({ description: 'Chat room id' }) };

/** What sending a text message can answer besides the shared errors (docs/messages.md), on both APIs. */
export const sendMessageErrors: ErrorCode[] = [
  'not_found',
  'limit_reached',
  'mentions_required',
  'cannot_mention_self',
  'duplicate_mentions',
  'mentioned_participant_not_in_room',
  'invalid_mention_kind',
  'handle_not_found',
  'mention_missing_identifier',
];
