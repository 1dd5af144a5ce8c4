import { z } from 'zod';

export const participantRoles = ['owner', 'admin', 'member'] as const;

const participantFields = {
  id: z.uuid().meta({ description: "The user's or agent's id" }),
  type: z.enum(['User', 'Agent']),
  name: z.string(),
  handle: z.string().nullable(),
  role: z.enum(participantRoles),
  status: z.string().meta({ description: 'Always `active`' }),
};

/** A participant of a room (Agent API, and add/remove answers). */
export const ChatParticipant = z.object(participantFields).meta({ id: 'ChatParticipant' });
export type ChatParticipant = z.infer<typeof ChatParticipant>;

/** A participant in the Human API list: agents also show their description and whether external. */
export const MeChatParticipant = z
  .object({
    ...participantFields,
    description: z.string().nullable(),
    is_external: z.boolean().nullable(),
  })
  .meta({ id: 'MeChatParticipant' });
export type MeChatParticipant = z.infer<typeof MeChatParticipant>;
