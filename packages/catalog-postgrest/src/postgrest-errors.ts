// What can go wrong talking to a PostgREST table. Messages name the method and the table URL
// (never the query string's values beyond what PostgREST says, never the token) and carry
// PostgREST's own error text (`{"code","message","details","hint"}`).
import { LakeError } from '@lake/core';

/** PostgREST's error body. */
export interface PostgrestErrorBody {
  code?: string | null;
  message?: string | null;
  details?: string | null;
  hint?: string | null;
}

/** PostgREST refused the request (bad filter, constraint, unknown column, …). */
export class PostgrestRequestFailed extends LakeError {
  constructor(
    readonly service: string,
    readonly method: string,
    readonly endpoint: string,
    readonly status: number,
    readonly error: PostgrestErrorBody | null,
    fallback: string,
  ) {
    super(
      'POSTGREST_REQUEST_FAILED',
      `${service}: ${method} ${endpoint} answered ${status}: ${describeBody(error, fallback)}`,
      status === 404 ? `check that ${endpoint} is the PostgREST URL of the table` : undefined,
    );
  }
}

/** 401/403: no token, a wrong one, or a role without the right. */
export class PostgrestUnauthorized extends LakeError {
  constructor(
    readonly service: string,
    readonly method: string,
    readonly endpoint: string,
    readonly status: number,
    error: PostgrestErrorBody | null,
    fallback: string,
    tokenConfigured: boolean,
    block: string,
  ) {
    const right = method === 'GET' ? 'read' : 'write';
    super(
      'POSTGREST_UNAUTHORIZED',
      `${service}: ${method} ${endpoint} was refused (${status}): ${describeBody(error, fallback)}`,
      tokenConfigured
        ? `the token in ${block}.token was not accepted: check that it is the current JWT and that its role may ${right} the table`
        : `set ${block}.token to a JWT whose role may ${right} the table, e.g. "token": "\${env:LAKE_CATALOG_TOKEN}"`,
    );
  }
}

/** No answer at all (refused connection, timeout, dropped connection), after the retries. */
export class PostgrestUnreachable extends LakeError {
  constructor(service: string, method: string, endpoint: string, reason: string, block: string) {
    super('POSTGREST_UNREACHABLE', `${service}: cannot reach ${endpoint} (${method}): ${reason}`, `check that PostgREST is running and ${block} in lake.config.json points at it`);
  }
}

/** PostgREST answered 2xx with something that is not what its protocol promises. */
export class PostgrestUnexpectedAnswer extends LakeError {
  constructor(service: string, method: string, endpoint: string, why: string) {
    super('POSTGREST_UNEXPECTED_ANSWER', `${service}: ${method} ${endpoint} answered with ${why}`, `check that ${endpoint} is a PostgREST table URL`);
  }
}

function describeBody(error: PostgrestErrorBody | null, fallback: string): string {
  if (!error?.message) return fallback;
  const parts = [error.code ? `${error.code} ${error.message}` : error.message];
  if (error.details) parts.push(`details: ${error.details}`);
  if (error.hint) parts.push(`hint: ${error.hint}`);
  return parts.join('; ');
}
