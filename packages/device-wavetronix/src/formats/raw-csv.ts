// The raw layer's day CSV (wavetronix.md §1.6), written from the rows the KITS database returns:
// Python's csv.writer with its defaults (minimal quoting, CRLF), null as an empty field.
import { INTEGER_COLUMNS, WAVETRONIX_COLUMNS, type WavetronixColumn } from './wavetronix-columns';

/** Python's QUOTE_MINIMAL: quote only a field holding a comma, a quote or a line break. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(fields: readonly string[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

export const RAW_CSV_HEADER = csvLine(WAVETRONIX_COLUMNS);

/** A database row, keyed by the CSV column names (the record query's aliases). */
export type KitsRow = Partial<Record<WavetronixColumn, unknown>>;

/**
 * Turns database rows into CSV lines and counts the values it had to leave empty: a NULL (or
 * unreadable) integer crashed the original's ingest (W-5); here it becomes an empty field, which
 * wt:standard reads as null.
 */
export class RawCsvWriter {
  /** Column → values left empty because they were NULL or unreadable. */
  readonly emptied = new Map<WavetronixColumn, number>();
  rows = 0;

  line(row: KitsRow): string {
    this.rows++;
    return csvLine(WAVETRONIX_COLUMNS.map((column) => this.field(column, row[column])));
  }

  /** `3 empty volume, 1 empty curDateTime`, or null when nothing was emptied. */
  summary(): string | null {
    if (this.emptied.size === 0) return null;
    return [...this.emptied].map(([column, count]) => `${count} empty ${column}`).join(', ');
  }

  private field(column: WavetronixColumn, value: unknown): string {
    const text = column === 'curDateTime' ? wallTimeText(value) : INTEGER_COLUMNS.has(column) ? integerText(value) : plainText(value);
    if (text === null) {
      this.emptied.set(column, (this.emptied.get(column) ?? 0) + 1);
      return '';
    }
    return text;
  }
}

/**
 * The original applied Python's `int()` to each value: decimals truncate, BIGINT (which the
 * driver hands over as text) stays exact.
 */
export function integerText(value: unknown): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? String(Math.trunc(value)) : null;
  if (typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (/^[+-]?\d+$/.test(text)) return BigInt(text).toString();
  const number = Number(text);
  return text !== '' && Number.isFinite(number) ? String(Math.trunc(number)) : null;
}

/**
 * CURDATETIME is a naive Central wall time. The driver runs with `useUTC` (forced in the
 * connection settings), so a Date's UTC fields are exactly the stored wall clock, whatever the
 * host's zone. Fractions of a second are cut, as the original's strftime did.
 */
export function wallTimeText(value: unknown): string | null {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    const iso = value.toISOString();
    // Years outside 0000–9999 come as `+275760-…` or `-000001-…`: no wall time the CSV can hold.
    if (!/^\d{4}-/.test(iso)) return null;
    return iso.slice(0, 19).replace('T', ' ');
  }
  if (typeof value === 'string') {
    const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})/.exec(value.trim());
    return match ? `${match[1]} ${match[2]}` : null;
  }
  return null;
}

function plainText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  return String(value);
}
