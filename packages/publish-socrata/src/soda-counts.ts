// Reading the answer to an upsert (publishing.md §3): an object of counters. Socrata answers 200
// even when rows failed, so the counters — and a top-level `error` — are the only signal.
import { SocrataRowErrors, SocrataUnexpectedAnswer, type SodaCounts } from './socrata-errors';

const COUNTERS = { created: 'Rows Created', updated: 'Rows Updated', deleted: 'Rows Deleted', errors: 'Errors' } as const;

/** The counts of an upsert answer; throws SocrataRowErrors when any row failed. */
export function readSodaCounts(dataset: string, body: unknown, redact: (text: string) => string = (text) => text): SodaCounts {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new SocrataUnexpectedAnswer(`the upsert to ${dataset}`, describeBody(body, redact));
  }
  const answer = body as Record<string, unknown>;
  const present = Object.values(COUNTERS).filter((key) => key in answer);
  if (present.length === 0 && !answer.error) {
    throw new SocrataUnexpectedAnswer(`the upsert to ${dataset}`, `an object without upsert counters (${describeBody(body, redact)})`);
  }
  const counts: SodaCounts = {
    created: counter(answer[COUNTERS.created]),
    updated: counter(answer[COUNTERS.updated]),
    deleted: counter(answer[COUNTERS.deleted]),
    errors: counter(answer[COUNTERS.errors]),
  };
  if (answer.error) {
    const message = typeof answer.message === 'string' ? redact(answer.message) : undefined;
    // A top-level error fails the whole payload even when no counter says so.
    throw new SocrataRowErrors(dataset, { ...counts, errors: Math.max(counts.errors, 1) }, message);
  }
  if (counts.errors > 0) throw new SocrataRowErrors(dataset, counts);
  return counts;
}

function counter(value: unknown): number {
  const number = typeof value === 'string' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? number : 0;
}

function describeBody(body: unknown, redact: (text: string) => string): string {
  if (body === null || body === undefined) return 'an empty body';
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return redact(text.length > 200 ? `${text.slice(0, 200)}…` : text);
}
