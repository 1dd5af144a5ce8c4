import { describeError } from '@parley/api/errors/describeError';
import type { OperationMeta } from '@parley/contracts/operationMeta';

/**
 * The HTTP status of a tRPC call, for both transports: the operation's success status (201,
 * 204; REST only, as a native tRPC response always carries a body) or the status of the error
 * code. One function, so native and REST agree.
 */
export function createResponseMeta(metas: Map<string, OperationMeta>, options: { successStatus: boolean }) {
  return ({ paths, errors }: { paths?: readonly string[] | undefined; errors: readonly unknown[] }) => {
    if (errors.length === 1) return { status: describeError(errors[0]).status };
    if (errors.length > 0 || !options.successStatus) return {};
    const meta = paths?.length === 1 && paths[0] ? metas.get(paths[0]) : undefined;
    return meta?.successStatus ? { status: meta.successStatus } : {};
  };
}
