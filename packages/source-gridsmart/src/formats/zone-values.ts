// CSV fields → a typed record by the version's columns (gridsmart.md §3.2), with the fixes the
// brief asks for: a value that does not fit its numeric column becomes null and is counted,
// missing trailing fields are null, extra fields are ignored (and counted by the caller).
import type { Column, ColumnKind, ZoneRecord } from './gridsmart-columns';
import type { ProblemTally } from './problem-tally';

// The texts pandas reads as "missing" in any column (its default na_values).
const MISSING_TEXTS = new Set([
  '', '#N/A', '#N/A N/A', '#NA', '-1.#IND', '-1.#QNAN', '-NaN', '-nan', '1.#IND', '1.#QNAN',
  '<NA>', 'N/A', 'NA', 'NULL', 'NaN', 'None', 'n/a', 'nan', 'null',
]);

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A decimal number text as a number, or null when it is not one. */
export function readNumber(text: string): number | null {
  const trimmed = text.trim();
  if (!DECIMAL.test(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

/** Whether a field is missing (blank or a pandas missing-value token). */
export function isMissing(text: string): boolean {
  return MISSING_TEXTS.has(text.trim());
}

function typed(text: string, kind: ColumnKind): { value: string | number | null; fits: boolean } {
  if (isMissing(text)) return { value: null, fits: true };
  if (kind === 'text') return { value: text, fits: true };
  const number = readNumber(text);
  if (kind === 'auto') return { value: number ?? text, fits: true };
  if (number === null) return { value: null, fits: false };
  if (kind === 'integer' && !Number.isInteger(number)) return { value: null, fits: false };
  return { value: number, fits: true };
}

/** The record of one CSV line; values that do not fit are null and counted in `problems`. */
export function typeRecord(fields: readonly string[], columns: readonly Column[], line: number, problems: ProblemTally): ZoneRecord {
  const record: ZoneRecord = {};
  for (let index = 0; index < columns.length; index++) {
    const { name, kind } = columns[index];
    if (index >= fields.length) {
      record[name] = null;
      continue;
    }
    const { value, fits } = typed(fields[index], kind);
    if (!fits) problems.add(`non-${kind === 'integer' ? 'integer' : 'numeric'} ${name} set to null`, line);
    record[name] = value;
  }
  return record;
}
