// The Socrata row id (bluetooth.md §6.4). Socrata upserts on it, so every character of its input
// must be what the original hashed, or a re-publication duplicates rows.
import { createHash } from 'node:crypto';

export type HashedValue = string | number | null;

/**
 * Lowercase hex MD5 of the values' Python text, concatenated without separator: strings as they
 * are, integers in decimal, null as `None`. Non-integral numbers (a segment length) use JS's
 * shortest text (`0.633`): the original hashed the AWAM text itself, which is the same whenever
 * the file spelled the number canonically (`0.633`; a `0.6330` or `.633` would now hash differently,
 * because the standardized layer keeps numbers, not their text).
 */
export function recordId(values: readonly HashedValue[]): string {
  return createHash('md5').update(values.map(hashText).join(''), 'utf8').digest('hex');
}

function hashText(value: HashedValue): string {
  return value === null ? 'None' : String(value);
}
