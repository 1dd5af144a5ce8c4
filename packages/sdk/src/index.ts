// The package entry point: a plain list of what @parley/sdk publishes.
export { type AgentClient, createAgentClient } from './createAgentClient.js';
export { createHumanClient, type HumanClient } from './createHumanClient.js';
export type { MentionInput, MentionTarget } from './mentions.js';
export type { ContextQuery, EventType, MemoryFilters, MemoryToStore, MessageContext } from './messageContext.js';
export type { ErrorInfo, MessageHandler } from './messageProcessor.js';
export {
  type ClientErrorCode,
  ParleyError,
  type ParleyErrorCode,
  type ParleyErrorOptions,
  type ServerErrorCode,
} from './parleyError.js';
export { parleyErrorLink } from './parleyErrorLink.js';
export { type ParleyClientOptions, parleyLinks } from './parleyLinks.js';
export type {
  AgentMe,
  ChatMessage,
  ParleyRouter,
  RouterInputs,
  RouterOutputs,
  StreamEvent,
  TrackedStreamEvent,
} from './parleyRouter.js';
export { type RetryOptions, retryLink } from './retryLink.js';
export { type RunAgentOptions, runAgent } from './runAgent.js';
export { timeoutLink } from './timeoutLink.js';
