import type { AppRouter } from '@parley/api/appRouter';
import { createTRPCClient, httpLink } from '@trpc/client';

/**
 * A native tRPC client that behaves like the web app in a browser: it keeps the session cookie
 * the server sets and sends this server's Origin (or `origin`, to play a foreign page).
 */
export function browserSession(baseUrl: string, options: { origin?: string | null } = {}) {
  const jar = { cookie: undefined as string | undefined, setCookies: [] as string[] };
  const origin = options.origin === undefined ? new URL(baseUrl).origin : options.origin;
  const client = createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${baseUrl}/trpc`,
        headers: () => ({
          ...(jar.cookie ? { cookie: jar.cookie } : {}),
          ...(origin ? { origin } : {}),
        }),
        fetch: async (url, init) => {
          const response = await fetch(url, init as RequestInit);
          for (const header of response.headers.getSetCookie()) {
            jar.setCookies.push(header);
            const [pair] = header.split(';');
            jar.cookie = pair?.endsWith('=') ? undefined : pair;
          }
          return response;
        },
      }),
    ],
  });
  return { client, jar };
}
