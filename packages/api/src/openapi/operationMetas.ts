import type { OperationMeta } from '@parley/contracts/operationMeta';
import type { AnyTRPCRouter } from '@trpc/server';

/** Procedure path (`human.agents.register`) → its operation meta, for every REST-exposed procedure. */
export function operationMetas(router: AnyTRPCRouter): Map<string, OperationMeta> {
  const metas = new Map<string, OperationMeta>();
  const procedures = router._def.procedures as Record<string, { _def: { meta?: OperationMeta } }>;
  for (const [path, procedure] of Object.entries(procedures)) {
    const meta = procedure._def.meta;
    if (meta?.openapi) metas.set(path, meta);
  }
  return metas;
}
