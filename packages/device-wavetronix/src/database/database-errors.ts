// What can go wrong with the KITS database, said so that a person can act on it. Messages name
// the server and database, never the password (the driver's own text is scrubbed of it, too).
import { LakeError, describeError } from '@lake/core';

const CONNECT_HINT =
  'check sources.wt.database (server, port, user, password, database) in lake.config.json and that the server is reachable from this host; ' +
  'without database access, import exported day CSVs with --sourcedir DIR';

export class KitsDatabaseUnavailable extends LakeError {
  constructor(database: string, cause: unknown, secret?: string) {
    super('KITS_DATABASE_UNAVAILABLE', `cannot connect to the KITS database ${database}: ${scrub(driverErrorText(cause), secret)}`, CONNECT_HINT, 1, { cause: scrubbedCause(cause, secret) });
  }
}

export class KitsQueryFailed extends LakeError {
  constructor(database: string, what: string, cause: unknown, secret?: string) {
    const timedOut = (cause as { code?: unknown } | null)?.code === 'ETIMEOUT';
    super(
      timedOut ? 'KITS_QUERY_TIMEOUT' : 'KITS_QUERY_FAILED',
      `${what} in the KITS database ${database} ${timedOut ? 'timed out' : 'failed'}: ${scrub(driverErrorText(cause), secret)}`,
      timedOut ? 'raise sources.wt.database.requestTimeout (milliseconds; default 300000)' : 'check that the KITS tables exist and the user may read them',
      1,
      { cause: scrubbedCause(cause, secret) },
    );
  }
}

/**
 * The driver's message with what it wraps: tedious says "Could not connect (sequence)" and keeps
 * the useful part (`connect ECONNREFUSED 10.0.0.5:1433`) in nested errors.
 */
export function driverErrorText(error: unknown): string {
  const messages: string[] = [];
  const visit = (value: unknown, depth: number) => {
    // Duck-typed: errors from Node's own modules may come from another realm (a test VM).
    if (typeof value !== 'object' || value === null || typeof (value as Error).message !== 'string' || depth > 5) return;
    const message = (value as Error).message.trim();
    if (message && !messages.some((known) => known.includes(message))) messages.push(message);
    const nested = value as Error & { originalError?: unknown; errors?: unknown };
    visit(nested.originalError, depth + 1);
    visit(nested.cause, depth + 1);
    if (Array.isArray(nested.errors)) for (const inner of nested.errors) visit(inner, depth + 1);
  };
  visit(error, 0);
  if (messages.length === 0) return describeError(error);
  return messages.length === 1 ? messages[0] : `${messages[0]} (${messages.slice(1).join('; ')})`;
}

function scrub(text: string, secret: string | undefined): string {
  return secret ? text.split(secret).join('***') : text;
}

// The cause is kept for debugging, but not with a message that could show the password.
function scrubbedCause(cause: unknown, secret: string | undefined): unknown {
  if (!secret || !(cause instanceof Error) || !cause.message.includes(secret)) return cause;
  const copy = new Error(scrub(cause.message, secret));
  copy.name = cause.name;
  return copy;
}
