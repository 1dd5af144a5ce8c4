/**
 * The server's per-operation metadata (its REST route, OpenAPI details), as the published router
 * type carries it. Clients never read it, so the SDK's declaration file leaves it opaque.
 */
export type OperationMeta = Record<string, unknown>;
