// One zone CSV (or several parts of it: the same GUID in two dated folders) → its standardized
// JSON file (gridsmart.md §3.2–§3.4). The version is read from each file's own first value
// (§8.6, §8.7), records are typed by column, timed and corrected, streamed straight to the file.
import { LakeError, type LakeTime } from '@lake/core';
import { damageText, readCsvLines, type CsvLine } from './csv-lines';
import type { ClockDelta } from './device-clock';
import { columnsOf, isCountsVersion, type CountsVersion, type ZoneRecord } from './gridsmart-columns';
import { ProblemTally } from './problem-tally';
import { dayCovered, formatMicros, v4FileStartUtc, v4RecordUtc, v8FileStartUtc, v8RecordUtc, type DayCovered, type RecordTime } from './record-time';
import { writeZoneJson, type ZoneHeader } from './zone-json';
import { readNumber, typeRecord } from './zone-values';

/** One CSV of a zone inside the counts ZIP. */
export interface ZonePart {
  /** Where it is in the archive, for messages (`<MAC>/<date>/<GUID>.csv`). */
  name: string;
  open(): Promise<AsyncIterable<Buffer | string> | Iterable<Buffer | string>>;
}

export interface ZoneInput {
  guid: string;
  parts: readonly ZonePart[];
}

/** What every zone file of one ZIP shares. */
export interface ZoneContext {
  time: LakeTime;
  base: string;
  /** `YYYY-MM-DD` of the item (local calendar date). */
  collectionDay: string;
  collectionDate: string;
  processingDate: string;
  zipName: string;
  delta: ClockDelta;
}

/** Records that got a corrected time: how many, and their earliest/latest pre-correction UTC instant. */
export interface TimedRecords {
  count: number;
  minUtcMicros: number | null;
  maxUtcMicros: number | null;
}

export interface ZoneResult {
  header: ZoneHeader;
  /** Records written. */
  records: number;
  timed: TimedRecords;
  /** One text per distinct per-record problem, with its count and first line. */
  problems: string[];
  /** Whole-file notes (time left uncorrected). */
  warnings: string[];
}

/** A zone file that cannot be standardized: reported with its line, the other zones go on. */
export class ZoneFileError extends LakeError {
  constructor(file: string, line: number, why: string) {
    super('GS_ZONE_FILE', `${file} line ${line}: ${why}`, 'the zone was skipped; the other zones of the archive were standardized');
  }
}

/** The counts version of a file from its first value, or a ZoneFileError. */
export function detectVersion(first: CsvLine, file: string): CountsVersion {
  const text = first.fields[0] ?? '';
  const number = readNumber(text);
  if (number === null || !Number.isInteger(number)) throw new ZoneFileError(file, first.line, `count_version "${text}" is not a whole number`);
  if (!isCountsVersion(number)) throw new ZoneFileError(file, first.line, `count_version ${number} is not supported (only 8, 7 and 4)`);
  return number;
}

export function targetFileName(base: string, guid: string, collectionDay: string): string {
  return `${base}_${guid}_${collectionDay}.json`;
}

interface TaggedLines {
  part: number;
  lines: CsvLine[];
}

async function* taggedLines(parts: readonly ZonePart[]): AsyncGenerator<TaggedLines> {
  for (let part = 0; part < parts.length; part++) {
    for await (const lines of readCsvLines(await parts[part].open())) yield { part, lines };
  }
}

type TimeMode = { kind: 'v8' | 'v4'; deltaMicros: number } | { kind: 'as-is' };

/**
 * Standardizes a zone into the JSON file at `outputPath`. Returns null without writing when every
 * part is empty and `emptyVersion` is undefined: the caller then writes it once the archive's
 * version is known (an empty file has no version of its own).
 */
export async function standardizeZone(zone: ZoneInput, context: ZoneContext, outputPath: string, emptyVersion?: CountsVersion | null): Promise<ZoneResult | null> {
  const iterator = taggedLines(zone.parts)[Symbol.asyncIterator]();
  try {
    const first = await iterator.next();
    if (first.done && emptyVersion === undefined) return null;
    const firstLine = first.done ? null : first.value.lines[0];
    const version = firstLine ? detectVersion(firstLine, zone.parts[first.value.part].name) : (emptyVersion ?? null);

    const problems = new ProblemTally();
    const warnings: string[] = [];
    const header: ZoneHeader = {
      data_type: 'gridsmart',
      zip_name: context.zipName,
      origin_filename: `${zone.guid}.csv`,
      target_filename: targetFileName(context.base, zone.guid, context.collectionDay),
      collection_date: context.collectionDate,
      processing_date: context.processingDate,
      version,
      guid: zone.guid,
    };
    const firstRecord = firstLine && version !== null ? typeRecord(firstLine.fields, columnsOf(version), firstLine.line, new ProblemTally()) : null;
    const mode = timeMode(version, firstRecord, context, header, warnings);
    const timed: TimedRecords = { count: 0, minUtcMicros: null, maxUtcMicros: null };
    let records = 0;

    async function* batches(): AsyncGenerator<ZoneRecord[]> {
      if (first.done || version === null) return;
      const columns = columnsOf(version);
      let batch: TaggedLines = first.value;
      let part = -1;
      for (;;) {
        if (batch.part !== part) {
          part = batch.part;
          const partVersion = detectVersion(batch.lines[0], zone.parts[part].name);
          if (partVersion !== version) {
            throw new ZoneFileError(zone.parts[part].name, batch.lines[0].line, `count_version ${partVersion} differs from version ${version} of ${zone.parts[0].name}`);
          }
        }
        const out: ZoneRecord[] = [];
        for (const line of batch.lines) {
          if (line.damage) {
            problems.add(damageText(line.damage), line.line);
            if (line.damage === 'too-long') continue;
          }
          // Counted per line, with the first one's number (pandas filled and dropped them silently).
          if (line.fields.length > columns.length) problems.add(`more than ${columns.length} fields; the extra fields ignored`, line.line);
          else if (line.fields.length < columns.length) problems.add(`fewer than ${columns.length} fields; the missing ones set to null`, line.line);
          const record = typeRecord(line.fields, columns, line.line, problems);
          if (mode.kind !== 'as-is') {
            const utc = mode.kind === 'v8' ? v8RecordUtc(context.collectionDay, record.timestamp, record.utc_offset) : v4RecordUtc(record.timestamp);
            if (!utc.ok) {
              problems.add(`record dropped: ${utc.message}`, line.line);
              continue;
            }
            addTimed(timed, utc);
            record.timestamp_adj = formatMicros(context.time, utc.utcMicros + mode.deltaMicros);
          }
          out.push(record);
        }
        records += out.length;
        yield out;
        const next = await iterator.next();
        if (next.done) return;
        batch = next.value;
      }
    }

    await writeZoneJson(outputPath, header, batches());
    return { header, records, timed, problems: problems.report(zone.parts[0]?.name ?? `${zone.guid}.csv`), warnings };
  } finally {
    await iterator.return?.(undefined);
  }
}

/** How the file's records are timed, with `day_covered` set on the header when it is computed. */
function timeMode(version: CountsVersion | null, firstRecord: ZoneRecord | null, context: ZoneContext, header: ZoneHeader, warnings: string[]): TimeMode {
  if (version === null) return { kind: 'as-is' };
  if (version === 7) {
    warnings.push('count version 7 has no known time rule; records kept without timestamp_adj');
    return { kind: 'as-is' };
  }
  const { delta } = context;
  if (!delta.ok) {
    warnings.push(`time not corrected, records kept without timestamp_adj: ${delta.reason}`);
    return { kind: 'as-is' };
  }
  const deltaMicros = delta.seconds * 1_000_000;
  let start: number | null;
  if (version === 4) start = v4FileStartUtc(context.collectionDay);
  else if (!firstRecord) start = null; // an empty v8 file has no first utc_offset
  else {
    start = v8FileStartUtc(context.collectionDay, firstRecord.utc_offset);
    if (start === null) {
      warnings.push('time not corrected, records kept without timestamp_adj: the first record has no utc_offset');
      return { kind: 'as-is' };
    }
  }
  if (start !== null) header.day_covered = dayCovered(context.time, context.collectionDay, start, deltaMicros) as DayCovered;
  return { kind: version === 8 ? 'v8' : 'v4', deltaMicros };
}

function addTimed(timed: TimedRecords, utc: Extract<RecordTime, { ok: true }>): void {
  timed.count++;
  if (timed.minUtcMicros === null || utc.utcMicros < timed.minUtcMicros) timed.minUtcMicros = utc.utcMicros;
  if (timed.maxUtcMicros === null || utc.utcMicros > timed.maxUtcMicros) timed.maxUtcMicros = utc.utcMicros;
}
