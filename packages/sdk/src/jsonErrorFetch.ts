/**
 * Wraps fetch so that an error answered by something other than Parley (a proxy's HTML 502 page,
 * say) reaches tRPC as an error body it can read, with the original status and headers. Without
 * it, tRPC fails to parse the page and the status (what decides a retry) is lost.
 */
export function jsonErrorFetch(baseFetch: typeof fetch): typeof fetch {
  return async (input, init) => {
    const response = await baseFetch(input, init);
    const type = response.headers.get('content-type') ?? '';
    if (response.ok || type.includes('json')) return response;
    await response.body?.cancel();
    const headers = new Headers(response.headers);
    headers.set('content-type', 'application/json');
    headers.delete('content-length');
    headers.delete('content-encoding');
    const message = `HTTP ${response.status} ${response.statusText}`.trim();
    const body = {
      error: { message, code: -32603, data: { code: 'INTERNAL_SERVER_ERROR', httpStatus: response.status } },
    };
    return new Response(JSON.stringify(body), { status: response.status, statusText: response.statusText, headers });
  };
}
