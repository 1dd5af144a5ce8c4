/**
 * The server's per-request context, as the published router type carries it. It holds server-only
 * things (database handles, the event hub) that clients never see and the client types never read,
 * so the SDK's declaration file leaves it opaque.
 */
export type Context = object;
