import type { UserDetails } from '@parley/contracts/objects/userDetails';
import type { UserRow } from '@parley/db/repositories/users';

export function toUserDetails(user: UserRow): UserDetails {
  return {
    id: user.id,
    email: user.email,
    handle: user.handle,
    ...(user.first_name !== null ? { first_name: user.first_name } : {}),
    ...(user.last_name !== null ? { last_name: user.last_name } : {}),
    role: user.role,
    listed_in_directory: user.listed_in_directory,
  };
}
