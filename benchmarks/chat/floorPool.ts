import { textParsers } from '@parley/db/typeParsers';
import pg from 'pg';

/**
 * What both floors (`bareServer.ts`, `minimalServer.ts`) share with each other and with Parley:
 * the pool size, the session settings and the type parsing, so the comparison is about the SQL
 * and the framework, not the driver's set-up.
 */
export function floorPool(): pg.Pool {
  return new pg.Pool({
    connectionString: process.env.DATABASE_URL,
    max: Number(process.env.PARLEY_DB_POOL_SIZE ?? 10),
    options: '-c TimeZone=UTC -c search_path=public',
    types: {
      getTypeParser(oid: number, format?: 'text' | 'binary') {
        const parser = textParsers[oid];
        if (parser && format !== 'binary') return parser;
        return pg.types.getTypeParser(oid, format);
      },
    },
  });
}

/** The shape of an API key (`thnv_<u|a>_<timestamp>_<32 characters>`). */
export const KEY = /^thnv_([ua])_(\d{1,16})_([A-Za-z0-9]{32})$/;

/** An error answer of a floor: status and the vendor's error code. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(code);
  }
}
