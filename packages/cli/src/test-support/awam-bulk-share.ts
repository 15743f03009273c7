// A larger AWAM share for the kill-and-rerun e2e tests: many days, thousands of rows per file, so
// a stage takes long enough to be killed in the middle. Deterministic, and every row is distinct
// where the published row id looks (time, readers, device), so each file type's dataset must end
// with exactly one row per source row. The readers are the two `writeUnitData` lists, so the
// ready stage drops nothing.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export type AwamFileType = 'unmatched' | 'matched' | 'traf_match_summary';

export interface BulkShareSize {
  /** IAF rows (one Bluetooth read each) per day. */
  unmatched: number;
  /** ITMF rows (one matched trip each) per day. */
  matched: number;
}

/** Rows of one day's summary: 96 quarter hours, both directions. */
export const SUMMARY_ROWS_PER_DAY = 96 * 2;

const READERS = [
  { name: 'lamar_6th', ip: '10.66.1.11', street: 'LAMAR BLVD', cross: '6TH ST' },
  { name: 'lamar_mlk', ip: '10.66.1.12', street: 'LAMAR BLVD', cross: 'MLK BLVD' },
];

const INFIX: Record<AwamFileType, string> = { unmatched: 'bt', matched: 'btmatch', traf_match_summary: 'bt_summary_15' };

/** `Austin_btmatch_06-01-2019.txt` for `matched` and `2019-06-01`. */
export function awamFileName(type: AwamFileType, day: string): string {
  const [year, month, date] = day.split('-');
  return `Austin_${INFIX[type]}_${month}-${date}-${year}.txt`;
}

/** Consecutive days from `first`, as `YYYY-MM-DD` (calendar arithmetic in UTC: no zone involved). */
export function consecutiveDays(first: string, count: number): string[] {
  const start = Date.parse(`${first}T00:00:00Z`);
  return Array.from({ length: count }, (_, n) => new Date(start + n * 86_400_000).toISOString().slice(0, 10));
}

/** Rows each file type holds per day. */
export function rowsPerDay(size: BulkShareSize): Record<AwamFileType, number> {
  return { unmatched: size.unmatched, matched: size.matched, traf_match_summary: SUMMARY_ROWS_PER_DAY };
}

/** Writes each day's three files into `dir`; returns `dir`. */
export function writeBulkAwamShare(dir: string, days: string[], size: BulkShareSize): string {
  mkdirSync(dir, { recursive: true });
  for (const day of days) {
    writeFileSync(path.join(dir, awamFileName('unmatched', day)), lines(size.unmatched, (n) => unmatchedLine(day, n, size.unmatched)));
    writeFileSync(path.join(dir, awamFileName('matched', day)), lines(size.matched, (n) => matchedLine(day, n, size.matched)));
    writeFileSync(path.join(dir, awamFileName('traf_match_summary', day)), lines(SUMMARY_ROWS_PER_DAY, (n) => summaryLine(day, n)));
  }
  return dir;
}

function lines(count: number, line: (n: number) => string): string {
  const out: string[] = [];
  for (let n = 0; n < count; n++) out.push(`${line(n)}\r\n`);
  return out.join('');
}

/** Reads spread over the day in time order (as AWAM writes them), each by its own device. */
function unmatchedLine(day: string, n: number, count: number): string {
  const second = Math.floor((n * 86_000) / count) + 10;
  const reader = READERS[n % 2];
  return `${awamTime(day, second)},${reader.ip},${awamTime(day, second - 2)},${reader.name},${device(day, 'u', n)}`;
}

function matchedLine(day: string, n: number, count: number): string {
  const start = Math.floor((n * 80_000) / count) + 10;
  const [origin, destination] = n % 2 === 0 ? READERS : [READERS[1], READERS[0]];
  return `${device(day, 'm', n)},${origin.name},${destination.name},${awamTime(day, start)},${awamTime(day, start + 90)},90,41.6,Valid,1`;
}

function summaryLine(day: string, n: number): string {
  const [origin, destination] = n % 2 === 0 ? READERS : [READERS[1], READERS[0]];
  const minuteOfDay = Math.floor(n / 2) * 15;
  return [
    origin.name,
    destination.name,
    origin.street,
    origin.cross,
    'SB',
    destination.street,
    destination.cross,
    'SB',
    '1.04',
    awamTime(day, minuteOfDay * 60).replace(/:\d\d (AM|PM)$/, ' $1'),
    '90',
    '41.6',
    '15',
    String(1 + (n % 7)),
    '0',
  ].join(',');
}

/** A made-up hashed device address, unique per day, type and row. */
function device(day: string, type: string, n: number): string {
  return Buffer.from(`${day}-${type}-${n}`).toString('base64');
}

/** `6/1/2019 8:00:05 AM`: AWAM writes dates and hours without padding. */
function awamTime(day: string, secondsOfDay: number): string {
  const [year, month, date] = day.split('-').map(Number);
  const hour24 = Math.floor(secondsOfDay / 3600);
  const minute = Math.floor((secondsOfDay % 3600) / 60);
  const second = secondsOfDay % 60;
  const hour12 = hour24 % 12 === 0 ? 12 : hour24 % 12;
  return `${month}/${date}/${year} ${hour12}:${pad(minute)}:${pad(second)} ${hour24 < 12 ? 'AM' : 'PM'}`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
