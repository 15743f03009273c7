// Raw CSV records → standardized records (wavetronix.md §2.2), defects fixed: a blank or
// non-numeric value becomes null and is counted instead of crashing the file (W-5), and the two
// passes through the repeated hour of the fall-back day get their own offsets (W-7).
import type { LakeTime } from '@lake/core';
import type { CsvRecord } from './csv-records';
import { VehicleCountTally } from './vehicle-counts';
import { WallTimeReader, type WallTimeReading } from './wall-time';
import { INTEGER_COLUMNS, WAVETRONIX_COLUMNS, type WavetronixColumn, type WavetronixRecord } from './wavetronix-columns';

// Python's int(): optional sign, digits (underscores between them), surrounding whitespace.
const PYTHON_INT = /^\s*[+-]?\d+(?:_\d+)*\s*$/;
const MAX_EXAMPLES = 5;

/** What a file's values had wrong, by kind (`blank volume`, `non-numeric speed`, …). */
export class StandardizeProblems {
  readonly counts = new Map<string, number>();
  readonly examples: string[] = [];

  add(kind: string, example: string): void {
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
    if (this.examples.length < MAX_EXAMPLES) this.examples.push(example);
  }

  get total(): number {
    let total = 0;
    for (const count of this.counts.values()) total += count;
    return total;
  }

  /** `<file>: 2 blank volume, 1 non-numeric speed (line 3: speed "fast"; …)`, or null. */
  summary(fileName: string): string | null {
    if (this.counts.size === 0) return null;
    const kinds = [...this.counts].map(([kind, count]) => `${count} ${kind}`).join(', ');
    return `${fileName}: ${kinds} set to null (${this.examples.join('; ')})`;
  }
}

interface HeldRecord {
  csv: CsvRecord;
  reading: WallTimeReading;
  record: WavetronixRecord;
}

/**
 * Standardizes a file's records in order. Records of a repeated wall time are held until their
 * time's rows end (the database orders by time, so both passes of a detector sit together), then
 * each detector's first pass — the smaller daily cumulative count, else the first row — is read
 * as daylight time and its second as standard time. A detector seen once at such a time keeps
 * the original's reading (standard time).
 */
export class WavetronixStandardizer {
  readonly problems = new StandardizeProblems();
  readonly vehicleCounts = new VehicleCountTally();
  /** Rows read in the first pass of a repeated hour (daylight time). */
  firstPassRows = 0;
  /** Rows whose time the spring-forward change skipped (kept, read with the offset before the gap). */
  skippedTimes = 0;
  private readonly times: WallTimeReader;
  private held: HeldRecord[] = [];
  private heldText = '';
  /** Physical line of the record being read (for the examples). */
  private line = 1;

  constructor(time: LakeTime) {
    this.times = new WallTimeReader(time);
  }

  /**
   * The standardized records these CSV records complete, in input order. `lines` gives each
   * record's physical line; without it records are taken to be one line each after the header.
   */
  add(records: readonly CsvRecord[], lines?: readonly number[]): WavetronixRecord[] {
    const out: WavetronixRecord[] = [];
    for (const [index, csv] of records.entries()) {
      this.line = lines?.[index] ?? this.line + 1;
      const rawTime = csv.curDateTime?.trim() ?? '';
      if (this.held.length > 0 && rawTime !== this.heldText) this.release(out);
      const reading = this.readTime(csv.curDateTime);
      const record = this.convert(csv, reading?.laterText ?? null);
      this.vehicleCounts.add(record.intName, record.volume, reading ? rawTime : null);
      if (reading?.repeated) {
        this.held.push({ csv, reading, record });
        this.heldText = rawTime;
      } else {
        out.push(record);
      }
    }
    return out;
  }

  /** The records still held at the end of the file. */
  finish(): WavetronixRecord[] {
    const out: WavetronixRecord[] = [];
    this.release(out);
    return out;
  }

  private readTime(text: string | undefined): WallTimeReading | null {
    if (text === undefined) {
      this.problems.add('missing curDateTime', `line ${this.line}: no curDateTime field`);
      return null;
    }
    const reading = this.times.read(text);
    if (!reading) this.problems.add('unreadable curDateTime', `line ${this.line}: curDateTime ${JSON.stringify(text)}`);
    else if (reading.skipped) this.skippedTimes++;
    return reading;
  }

  private convert(csv: CsvRecord, curDateTime: string | null): WavetronixRecord {
    const record = {} as Record<WavetronixColumn, unknown>;
    for (const column of WAVETRONIX_COLUMNS) {
      if (column === 'curDateTime') record[column] = curDateTime;
      else if (INTEGER_COLUMNS.has(column)) record[column] = this.integer(csv[column], column);
      else record[column] = csv[column] ?? null;
    }
    return record as unknown as WavetronixRecord;
  }

  private integer(text: string | undefined, column: WavetronixColumn): number | null {
    if (text === undefined) {
      this.problems.add(`missing ${column}`, `line ${this.line}: no ${column} field`);
      return null;
    }
    if (PYTHON_INT.test(text)) return Number(text.replace(/_/g, ''));
    this.problems.add(text.trim() === '' ? `blank ${column}` : `non-numeric ${column}`, `line ${this.line}: ${column} ${shown(text)}`);
    return null;
  }

  /** Gives each held detector's passes their instants, then hands the rows on in file order. */
  private release(out: WavetronixRecord[]): void {
    const byDetector = new Map<number, HeldRecord[]>();
    for (const held of this.held) {
      if (held.record.detID === null) continue;
      const passes = byDetector.get(held.record.detID) ?? [];
      passes.push(held);
      byDetector.set(held.record.detID, passes);
    }
    for (const passes of byDetector.values()) {
      if (passes.length < 2) continue;
      const counted = passes.every((held) => held.record.dailyCumulative !== null);
      const ordered = counted ? [...passes].sort((a, b) => (a.record.dailyCumulative as number) - (b.record.dailyCumulative as number)) : passes;
      ordered[0].record.curDateTime = ordered[0].reading.earlierText;
      this.firstPassRows++;
    }
    for (const held of this.held) out.push(held.record);
    this.held = [];
    this.heldText = '';
  }
}

/** A value as an example shows it: quoted, cut at 40 characters (a field may be megabytes long). */
function shown(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}
