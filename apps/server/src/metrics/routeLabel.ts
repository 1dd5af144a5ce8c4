import type { OperationMeta } from '@parley/contracts/operationMeta';
import type { FastifyRequest } from 'fastify';

/**
 * The `route` label of a request: the route pattern, never the raw URL, so the label has as many
 * values as the API has operations. REST calls all arrive on trpc-to-openapi's one wildcard route,
 * so they are matched against the operations' paths (`/api/v1/chats/{id}/messages`); native tRPC
 * calls are labelled by procedure (`/trpc/human.chats.list`), batches as `/trpc/:path`; a request
 * that matched no route is `unmatched`.
 */
export function createRouteLabeler(opts: {
  restPrefix: string;
  metas: Iterable<OperationMeta>;
  procedures: Iterable<string>;
}) {
  const rest = new Map<string, { pattern: RegExp; label: string }[]>();
  for (const meta of opts.metas) {
    const { method, path } = meta.openapi ?? {};
    if (!method || !path) continue;
    const source = path
      .split('/')
      .map((part) => (/^\{[^}]+\}$/.test(part) ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/');
    const list = rest.get(method) ?? [];
    list.push({ pattern: new RegExp(`^${source}/?$`), label: `${opts.restPrefix}${path}` });
    rest.set(method, list);
  }
  // Fixed paths before templated ones (`/me/agents/register` before `/me/agents/{id}`).
  for (const list of rest.values()) list.sort((a, b) => a.label.split('{').length - b.label.split('{').length);
  const procedures = new Set(opts.procedures);

  return (request: FastifyRequest, receivedUrl: string): string => {
    const route = request.routeOptions.url;
    if (!route) return 'unmatched';
    if (route === `${opts.restPrefix}/*`) {
      const path = (receivedUrl.split('?')[0] ?? '').slice(opts.restPrefix.length);
      const match = rest.get(request.method)?.find((r) => r.pattern.test(path));
      return match ? match.label : `${opts.restPrefix}/*`;
    }
    if (route === '/trpc/:path') {
      const name = (request.params as { path?: string } | undefined)?.path ?? '';
      return procedures.has(name) ? `/trpc/${name}` : route;
    }
    return route;
  };
}
