// The catalog export file (`lake catalog export` / `import`): JSON lines, a header first, then
// one line per row of the catalog and of the two perfmet tables, named as the tables' columns
// (core.md §6.2, perfmet.md §2). Instants are ISO 8601 UTC with milliseconds — exactly what a
// JS Date holds, whatever the driver or zone. Perfmet observation timestamps are text in the
// embedded driver (kept as the source wrote them) and instants in PostgreSQL: text goes out as
// written, an instant as the original's PyStr in the lake's zone — the text the embedded driver
// would have stored for it. Metadata objects go out with their keys sorted.
import type { CatalogEntry } from '../catalog/catalog-entry';
import { LakeError, describeError } from '../errors';
import type { PerfmetJob, PerfmetObservation } from '../perfmet/perfmet-driver';
import type { LakeTime } from '../time/lake-time';

export const CATALOG_EXPORT_FORMAT = 'lake-catalog-export';
export const CATALOG_EXPORT_VERSION = 1;

export const EXPORT_TABLES = ['catalog', 'perfmet_job', 'perfmet_obs'] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];

/** The first line of an export. */
export interface CatalogExportHeader {
  format: typeof CATALOG_EXPORT_FORMAT;
  version: number;
  /** ISO 8601 UTC. */
  exported_at: string;
  time_zone: string;
  tables: ExportTable[];
  /** What the export was limited to (null = everything). */
  filters: { data_source: string | null; repository: string | null };
}

export interface CatalogLine {
  table: 'catalog';
  repository: string;
  data_source: string;
  id_base: string;
  id_ext: string;
  pointer: string;
  collection_date: string;
  collection_end: string | null;
  processing_date: string | null;
  metadata: unknown;
}

export interface PerfmetJobLine {
  table: 'perfmet_job';
  data_source: string;
  stage: string;
  seconds: number;
  records: number;
  failures: number;
  processing_date: string;
  collection_start: string | null;
  collection_end: string | null;
}

export interface PerfmetObservationLine {
  table: 'perfmet_obs';
  data_source: string;
  sensor_name: string;
  data_type: string;
  data: number | null;
  expected: number | null;
  collection_date: string;
  timestamp_min: string | null;
  timestamp_max: string | null;
}

export type ExportLine = CatalogLine | PerfmetJobLine | PerfmetObservationLine;

/** A parsed data line, as the drivers take it. */
export type ImportRow =
  | { table: 'catalog'; entry: CatalogEntry }
  | { table: 'perfmet_job'; job: PerfmetJob }
  | { table: 'perfmet_obs'; observation: PerfmetObservation };

/** The file is not an export this version can read (no or unknown header): nothing is imported. */
export class InvalidCatalogExport extends LakeError {
  constructor(why: string) {
    super('INVALID_CATALOG_EXPORT', `not a lake catalog export: ${why}`, `the first line must be a header such as {"format":"${CATALOG_EXPORT_FORMAT}","version":${CATALOG_EXPORT_VERSION},…} written by \`lake catalog export\``, 2);
  }
}

/** The export file cannot be opened (missing, no permission, no such folder). */
export class CatalogFileUnavailable extends LakeError {
  constructor(file: string, cause: unknown) {
    super('CATALOG_FILE_UNAVAILABLE', `cannot open ${file}: ${describeError(cause)}`, undefined, 2, { cause });
  }
}

/** Why one data line cannot be imported; the import goes on with the others. */
export class InvalidExportLine extends Error {}

export function exportHeader(time: LakeTime, tables: ExportTable[], filters: { dataSource?: string; repository?: string }): CatalogExportHeader {
  return {
    format: CATALOG_EXPORT_FORMAT,
    version: CATALOG_EXPORT_VERSION,
    exported_at: time.now().toISOString(),
    time_zone: time.zone,
    tables,
    filters: { data_source: filters.dataSource ?? null, repository: filters.repository ?? null },
  };
}

export function catalogLine(entry: CatalogEntry): CatalogLine {
  return {
    table: 'catalog',
    repository: entry.repository,
    data_source: entry.dataSource,
    id_base: entry.base,
    id_ext: entry.ext,
    pointer: entry.pointer,
    collection_date: entry.collectionDate.toISOString(),
    collection_end: isoOrNull(entry.collectionEnd),
    processing_date: isoOrNull(entry.processingDate),
    metadata: sortedKeys(entry.metadata ?? null),
  };
}

export function perfmetJobLine(job: PerfmetJob): PerfmetJobLine {
  return {
    table: 'perfmet_job',
    data_source: job.dataSource,
    stage: job.stage,
    seconds: job.seconds,
    records: job.records,
    failures: job.failures ?? 0,
    processing_date: job.processingDate.toISOString(),
    collection_start: isoOrNull(job.collectionStart),
    collection_end: isoOrNull(job.collectionEnd),
  };
}

export function perfmetObservationLine(observation: PerfmetObservation, time: LakeTime): PerfmetObservationLine {
  const timestampText = (value: Date | string | null) => (value instanceof Date ? time.format(value) : value ?? null);
  return {
    table: 'perfmet_obs',
    data_source: observation.dataSource,
    sensor_name: observation.sensorName,
    data_type: observation.dataType,
    data: observation.data,
    expected: observation.expected,
    collection_date: observation.collectionDate.toISOString(),
    timestamp_min: timestampText(observation.timestampMin),
    timestamp_max: timestampText(observation.timestampMax),
  };
}

/** The header line; InvalidCatalogExport when it is not one this version reads. */
export function parseExportHeader(text: string, line = 1): CatalogExportHeader {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new InvalidCatalogExport(`line ${line} (the header) is not JSON`);
  }
  if (!isObject(value) || value.format !== CATALOG_EXPORT_FORMAT) throw new InvalidCatalogExport(`line ${line} is not a header: it has no "format":"${CATALOG_EXPORT_FORMAT}"`);
  if (value.version !== CATALOG_EXPORT_VERSION) {
    throw new InvalidCatalogExport(`line ${line}: version ${JSON.stringify(value.version)} is not supported (this lake reads version ${CATALOG_EXPORT_VERSION})`);
  }
  return value as unknown as CatalogExportHeader;
}

const CATALOG_FIELDS = ['table', 'repository', 'data_source', 'id_base', 'id_ext', 'pointer', 'collection_date', 'collection_end', 'processing_date', 'metadata'];
const JOB_FIELDS = ['table', 'data_source', 'stage', 'seconds', 'records', 'failures', 'processing_date', 'collection_start', 'collection_end'];
const OBSERVATION_FIELDS = ['table', 'data_source', 'sensor_name', 'data_type', 'data', 'expected', 'collection_date', 'timestamp_min', 'timestamp_max'];

/**
 * One data line as the drivers take it; InvalidExportLine says what is wrong. Unknown fields are
 * refused: a misspelt `collection_end` silently dropped would make the restore inexact.
 */
export function parseExportLine(text: string, time: LakeTime): ImportRow {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InvalidExportLine(`not JSON (${(error as Error).message})`);
  }
  if (!isObject(value)) throw new InvalidExportLine('not a JSON object');
  const fields = new LineFields(value, time);
  switch (value.table) {
    case 'catalog':
      fields.only(CATALOG_FIELDS);
      return {
        table: 'catalog',
        entry: {
          repository: fields.text('repository'),
          dataSource: fields.text('data_source'),
          base: fields.text('id_base'),
          ext: fields.text('id_ext', true),
          pointer: fields.text('pointer'),
          collectionDate: fields.instant('collection_date'),
          collectionEnd: fields.optionalInstant('collection_end'),
          processingDate: fields.optionalInstant('processing_date'),
          metadata: value.metadata ?? null,
        },
      };
    case 'perfmet_job':
      fields.only(JOB_FIELDS);
      return {
        table: 'perfmet_job',
        job: {
          dataSource: fields.text('data_source'),
          stage: fields.text('stage'),
          seconds: fields.number('seconds'),
          records: fields.number('records'),
          failures: value.failures === undefined ? 0 : fields.number('failures'),
          processingDate: fields.instant('processing_date'),
          collectionStart: fields.optionalInstant('collection_start'),
          collectionEnd: fields.optionalInstant('collection_end'),
        },
      };
    case 'perfmet_obs':
      fields.only(OBSERVATION_FIELDS);
      return {
        table: 'perfmet_obs',
        observation: {
          dataSource: fields.text('data_source'),
          sensorName: fields.text('sensor_name'),
          dataType: fields.text('data_type'),
          data: fields.optionalNumber('data'),
          expected: fields.optionalNumber('expected'),
          collectionDate: fields.instant('collection_date'),
          timestampMin: fields.optionalText('timestamp_min'),
          timestampMax: fields.optionalText('timestamp_max'),
        },
      };
    default:
      throw new InvalidExportLine(`"table" must be one of ${EXPORT_TABLES.join(', ')}, got ${JSON.stringify(value.table)}`);
  }
}

class LineFields {
  constructor(
    private readonly value: Record<string, unknown>,
    private readonly time: LakeTime,
  ) {}

  only(allowed: string[]): void {
    const unknown = Object.keys(this.value).filter((field) => !allowed.includes(field));
    if (unknown.length) throw new InvalidExportLine(`unknown field(s) ${unknown.join(', ')} for table ${String(this.value.table)}`);
  }

  text(field: string, emptyAllowed = false): string {
    const value = this.value[field];
    if (typeof value !== 'string' || (!emptyAllowed && value === '')) throw new InvalidExportLine(`"${field}" must be ${emptyAllowed ? '' : 'non-empty '}text`);
    return value;
  }

  optionalText(field: string): string | null {
    const value = this.value[field];
    if (value === undefined || value === null) return null;
    if (typeof value !== 'string') throw new InvalidExportLine(`"${field}" must be text or null`);
    return value;
  }

  number(field: string): number {
    const value = this.value[field];
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new InvalidExportLine(`"${field}" must be a number`);
    return value;
  }

  optionalNumber(field: string): number | null {
    const value = this.value[field];
    return value === undefined || value === null ? null : this.number(field);
  }

  instant(field: string): Date {
    const value = this.value[field];
    if (typeof value !== 'string') throw new InvalidExportLine(`"${field}" must be a timestamp`);
    try {
      return this.time.parse(value);
    } catch {
      throw new InvalidExportLine(`"${field}" is not a timestamp: ${JSON.stringify(value)}`);
    }
  }

  optionalInstant(field: string): Date | null {
    const value = this.value[field];
    return value === undefined || value === null ? null : this.instant(field);
  }
}

/**
 * Object keys in sorted order, at every depth: PostgreSQL's jsonb keeps no key order, so this is
 * what makes exports of the same rows identical whatever driver holds them. Arrays keep theirs.
 */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortedKeys(value[key])]),
  );
}

function isoOrNull(date: Date | null | undefined): string | null {
  return date ? date.toISOString() : null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
