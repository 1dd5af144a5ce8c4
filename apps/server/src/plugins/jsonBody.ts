import type { FastifyInstance } from 'fastify';

class BodyError extends Error {
  readonly statusCode = 400;
  readonly code = 'FST_ERR_CTP_INVALID_JSON_BODY';
}

/**
 * The JSON body parser of the REST API. An empty body is no body (vendor clients POST to
 * `/processing` with a JSON content type and nothing else); anything but an object is refused
 * with 400, since the REST adapter would otherwise spread a string into numbered keys.
 */
export function registerJsonBody(scope: FastifyInstance) {
  scope.removeContentTypeParser('application/json');
  scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return done(new BodyError('Malformed JSON in the request body'), undefined);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      return done(new BodyError('The request body must be a JSON object'), undefined);
    }
    return done(null, parsed);
  });

  // A bodyless POST without a content type is treated as an empty JSON body.
  scope.addHook('onRequest', async (request) => {
    const hasBody =
      request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
    if (!request.headers['content-type'] && !hasBody && request.method !== 'GET') {
      request.headers['content-type'] = 'application/json';
    }
  });
}
