/**
 * The handle grammar, for the OpenAPI descriptions of every operation and field where handles
 * appear. The rule itself lives in `@parley/core/handles/handles` (this text must say the same).
 */
export const HANDLE_GRAMMAR =
  '**Handles.** A user handle is 3–32 characters of lowercase letters, digits, `.`, `_` and `-`, ' +
  'starting with a letter or digit (`ada`, `ada.l`). An agent handle is `owner_handle/slug`: the ' +
  "owner's handle, a slash, and a slug of 1–64 characters of the same alphabet derived from the " +
  "agent's name (`ada/helper-bot`). Handles are unique across the server, stored lowercase and " +
  'returned without `@`; where a request takes one, a leading `@` and any case are accepted and a ' +
  'handle outside this grammar is a 400 `invalid_handle`.';
