/** Who is calling, established from an API key. Every query is scoped by `organizationId`. */
export type Identity = UserIdentity | AgentIdentity;

export interface UserIdentity {
  kind: 'user';
  userId: string;
  organizationId: string;
  handle: string;
  /** The API key's id; empty when the user signed in with a browser session. */
  keyId: string;
  /** Set when the user came with a session cookie (the web app) rather than an API key. */
  sessionId?: string;
  sessionExpiresAt?: string;
}

export interface AgentIdentity {
  kind: 'agent';
  agentId: string;
  /** The user who owns the agent. */
  ownerId: string;
  organizationId: string;
  handle: string;
  keyId: string;
  /**
   * The agent's own record as the key check read it (same statement), so `GET /agent/me` needs
   * no second read. Absent for identities made otherwise (platform agents, sockets).
   */
  profile?: AgentProfile;
}

/** What `GET /agent/me` shows of the calling agent. */
export interface AgentProfile {
  id: string;
  organization_id: string;
  owner_id: string;
  name: string;
  handle: string;
  description: string | null;
  listed_in_directory: boolean;
  tags: string[];
  inserted_at: string;
  updated_at: string;
}

/** The principal id (user or agent) of an identity. */
export function principalIdOf(identity: Identity): string {
  return identity.kind === 'user' ? identity.userId : identity.agentId;
}
