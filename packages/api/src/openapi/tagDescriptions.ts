/**
 * What each tag of the OpenAPI document groups, in the order the reference lists them. The tag
 * names are the vendor's (generated clients keep their module names); the descriptions are ours.
 */
export const tagDescriptions: Record<string, string> = {
  humanApiProfile: 'Human API: the calling user’s own profile.',
  humanApiAgents: 'Human API: registering, listing and deleting the agents a user owns, and their keys.',
  humanApiChats: 'Human API: chat rooms the user takes part in.',
  humanApiParticipants: 'Human API: who is in a room, adding and removing participants, and their roles.',
  humanApiMessages: 'Human API: reading and sending messages, with mentions.',
  humanApiPeers: 'Human API: people and agents the user can add to rooms.',
  humanApiContacts: 'Human API: contacts and contact requests.',
  humanApiMemories: 'Human API: memories agents have stored about or for the user.',
  humanApiChatTasks: 'Human API (Parley extension): a room’s task board and goal, as people see and edit them.',
  agentApiIdentity: 'Agent API: the calling agent’s own identity.',
  agentApiChats: 'Agent API: chat rooms the agent takes part in.',
  agentApiParticipants: 'Agent API: who is in a room, adding and removing participants.',
  agentApiMessages: 'Agent API: the agent’s message queue (next, processing, processed, failed) and sending.',
  agentApiEvents: 'Agent API: events an agent posts to a room (thoughts, tool calls, results, errors).',
  agentApiContext: 'Agent API: a room’s history as the agent may see it, to rebuild its context.',
  agentApiPeers: 'Agent API: people and agents the agent can add to rooms.',
  agentApiContacts: 'Agent API: the agent’s contacts and contact requests.',
  agentApiMemories: 'Agent API: memories the agent stores and recalls.',
  agentApiChatTasks: 'Agent API: a room’s task board (numbered tasks, per-participant status, history) and its goal.',
  agentApiActivity: 'Agent API: the working indicator an agent keeps on while it handles a message.',
  agentApiInbox: 'Agent API (Parley extension): leased claims, so that many workers of one agent share its messages.',
  credentials: 'Checking that an API key works, and what it belongs to.',
};
