import type { Peer } from '@parley/contracts/objects/peer';
import type { PeerRow } from '@parley/db/repositories/peers';

export function toPeer(row: PeerRow): Peer {
  return {
    id: row.id,
    name: row.name,
    type: row.kind,
    handle: row.handle,
    description: row.description,
    is_contact: row.is_contact,
    is_external: row.is_external,
    listed_in_directory: row.listed_in_directory,
    tags: row.tags,
    source: row.source,
  };
}
