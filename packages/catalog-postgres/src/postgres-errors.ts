// What goes wrong talking to PostgreSQL, as LakeErrors a user can act on. pg's own errors are
// translated once, here; the password is scrubbed from anything that reaches a message.
import { LakeError, describeError } from '@lake/core';
import type { PostgresRole, PostgresSettings } from './postgres-settings';

/** The server cannot be reached or refuses us (network, authentication, missing database). */
export class PostgresUnreachable extends LakeError {
  constructor(role: PostgresRole, server: string, why: string, options?: { cause?: unknown }) {
    super(
      `${role.toUpperCase()}_UNREACHABLE`,
      `cannot reach the PostgreSQL ${role} at ${server} (${why})`,
      `check ${role}.connectionString (or host, port, user, password, database) in lake.config.json and that the server is running`,
      1,
      options,
    );
  }
}

/** The schema or a table is not there yet. */
export class PostgresTableMissing extends LakeError {
  constructor(role: PostgresRole, table: string, why: string, options?: { cause?: unknown }) {
    super(
      `${role.toUpperCase()}_TABLE_MISSING`,
      `the PostgreSQL ${role} table ${table} is missing (${why})`,
      `run \`lake catalog init\` to create the tables, or set ${role}.schema / the table names in lake.config.json`,
      1,
      options,
    );
  }
}

/** Any other failure of a statement (bad data, permissions, …). */
export class PostgresQueryFailed extends LakeError {
  constructor(role: PostgresRole, what: string, why: string, options?: { cause?: unknown }) {
    super(`${role.toUpperCase()}_QUERY_FAILED`, `PostgreSQL ${role}: ${what} failed (${why})`, undefined, 1, options);
  }
}

// Node socket errors, and SQLSTATE classes 08 (connection), 28 (authorization), 3D000 (no such
// database), 53300 (too many connections), 57P01-03 (server shutting down / starting).
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);
const UNREACHABLE_SQLSTATE = /^(08|28)|^(3D000|53300|57P01|57P02|57P03)$/;
const MISSING_SQLSTATE = new Set(['42P01', '3F000']);
/** Two writers crossed; the whole transaction may simply be run again. */
export const RETRYABLE_SQLSTATE = new Set(['40001', '40P01']);

interface PgLikeError {
  code?: string;
  message?: string;
  errors?: PgLikeError[];
}

/** The code of a pg or socket error (Node 20 wraps multi-address connect failures in an AggregateError). */
export function errorCode(error: unknown): string | undefined {
  const pgError = error as PgLikeError | null;
  if (!pgError || typeof pgError !== 'object') return undefined;
  return pgError.code ?? pgError.errors?.find((inner) => inner.code)?.code;
}

export function translatePgError(error: unknown, settings: PostgresSettings, what: string, table: string): LakeError {
  if (error instanceof LakeError) return error;
  const code = errorCode(error);
  const why = scrub(reason(error, code), settings.secrets);
  if (isUnreachable(error, code)) return new PostgresUnreachable(settings.role, settings.server, why, { cause: error });
  if (code && MISSING_SQLSTATE.has(code)) return new PostgresTableMissing(settings.role, table, why, { cause: error });
  return new PostgresQueryFailed(settings.role, what, why, { cause: error });
}

function isUnreachable(error: unknown, code: string | undefined): boolean {
  if (code && (NETWORK_CODES.has(code) || UNREACHABLE_SQLSTATE.test(code))) return true;
  // pg's own connect timeout and a socket closed under us carry no code.
  return /timeout expired|Connection terminated/i.test(describeError(error));
}

function reason(error: unknown, code: string | undefined): string {
  const message = describeError(error);
  if (!message) return code ?? 'unknown error';
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}

function scrub(text: string, secrets: string[]): string {
  return secrets.reduce((scrubbed, secret) => scrubbed.split(secret).join('***'), text);
}
