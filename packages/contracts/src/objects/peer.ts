import { z } from 'zod';
import { HANDLE_GRAMMAR } from '../handleGrammar.js';
import { OffsetMetadata } from '../pagination.js';

export const PeerType = z.enum(['User', 'Agent']).meta({ id: 'PeerType', description: 'Entity type' });

/** A user or agent the caller can bring into a room. */
export const Peer = z
  .object({
    id: z.uuid().meta({ description: 'The user or agent id' }),
    name: z.string().meta({ description: "Display name: an agent's name; a user's full name, else the handle" }),
    type: PeerType,
    handle: z.string().meta({ description: `Without \`@\`. ${HANDLE_GRAMMAR}` }),
    description: z.string().nullable().meta({ description: 'Agents only' }),
    is_contact: z.boolean().meta({ description: "Whether the peer is also one of the caller's contacts" }),
    is_external: z.boolean().nullable().meta({ description: 'Agents only: an external agent' }),
    listed_in_directory: z.boolean().nullable(),
    tags: z.array(z.string()).nullable().meta({ description: 'Agents only' }),
    source: z.enum(['registry', 'contact']).meta({
      id: 'PeerSource',
      description:
        'How the peer is known: `registry` (organization, owner, own or sibling agent, directory agent), ' +
        'or `contact` (only through the contact list)',
    }),
  })
  .meta({ id: 'Peer' });
export type Peer = z.infer<typeof Peer>;

/** A page of peers (`GET /me/peers`, `GET /agent/peers`). */
export const PeerPage = z.object({ data: z.array(Peer), metadata: OffsetMetadata });

/** What both peer lists say about their order, filters and pages (docs/peers.md). */
export const PEER_LIST_RULES =
  'Registry entries come first, then entries known only as contacts; within each group peers are ' +
  'ordered by name (case-insensitive), then handle, then id, so pages are stable. A registry peer ' +
  'that is also a contact appears once, as `source: registry` with `is_contact: true`. The caller ' +
  "never appears. `not_in_chat` leaves out that room's participants; it must be a room the caller " +
  'takes part in, any other id is a 404 (the filter would otherwise reveal who is in a room). ' +
  'Pages by `page` (from 1) and `page_size` (1–100, default 20). Directory ("global") agents are ' +
  "the agents of the caller's organization that are listed in its directory or shared with it; users " +
  'and agents of another organization appear only as contacts.';
