import { constants } from 'node:zlib';
import compress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';

/** Answers smaller than this go out as they are: compressing them saves less than it costs. */
const THRESHOLD_BYTES = 1024;

/**
 * Compresses answers of 1 KiB and more for clients that accept it (brotli, gzip, deflate), on the
 * routes registered after this (the plugin hooks each route as it is added): `buildServer`
 * registers it before the REST API, native tRPC, the OpenAPI document and the reference page.
 * Event streams (`text/event-stream`, outside the plugin's compressible types) are never
 * compressed, since a compressor holds events back until its buffer fills; WebSocket upgrades
 * never pass through here. Brotli runs at quality 4: close to gzip's speed, smaller output.
 * REST answers depend on the trpc-to-openapi patch that makes its Fastify handler wait for the
 * reply (docs/operations.md, "Compression").
 */
export async function registerCompression(app: FastifyInstance) {
  await app.register(compress, {
    global: true,
    threshold: THRESHOLD_BYTES,
    encodings: ['br', 'gzip', 'deflate'],
    brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } },
  });
}
