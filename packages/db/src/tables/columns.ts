import type { ColumnType, Generated } from 'kysely';

/** timestamptz, read back as an ISO-8601 UTC string with microseconds (`…T11:20:10.284136Z`). */
export type Timestamp = ColumnType<string, string | undefined, string>;
/** A timestamptz with a database default. */
export type CreatedAt = ColumnType<string, string | undefined, never>;
/** A uuid primary key that the database generates unless given. */
export type UuidPk = ColumnType<string, string | undefined, never>;
/** jsonb: any JSON value in, the parsed value out. */
export type Json<T = Record<string, unknown>> = ColumnType<T, string | T | undefined, string | T>;
export type { Generated };
