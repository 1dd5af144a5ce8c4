import { describeError } from '@parley/api/errors/describeError';
import type { OperationMeta } from '@parley/contracts/operationMeta';

/**
 * The HTTP status of a tRPC call, for both transports: the operation's success status (201,
 * 204; REST only, as a native tRPC response always carries a body) or the status of the error
 * code. One function, so native and REST agree.
 */
export function createResponseMeta(metas: Map<string, OperationMeta>, options: { successStatus: boolean }) {
  return ({
    paths,
    errors,
    data,
  }: {
    paths?: readonly string[] | undefined;
    errors: readonly unknown[];
    data?: readonly unknown[];
  }) => {
    if (errors.length === 1) return { status: describeError(errors[0]).status };
    if (errors.length > 0 || !options.successStatus) return {};
    const meta = paths?.length === 1 && paths[0] ? metas.get(paths[0]) : undefined;
    // A 204 operation answers 204 only when it returns null; with something to say it is a 200
    // (`GET …/messages/next`: the message, or 204 when the queue is empty).
    if (meta?.successStatus === 204 && data?.[0] != null) return {};
    return meta?.successStatus ? { status: meta.successStatus } : {};
  };
}

/** The innermost cause of a tRPC error (a database error under the AppError it became), for logs. */
export function unwrapCause(error: { cause?: unknown }): unknown {
  let e: unknown = error;
  for (let i = 0; i < 3 && e instanceof Object && 'cause' in e && e.cause !== undefined; i++) e = e.cause;
  return e;
}
