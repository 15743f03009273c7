// The ready counts file of one intersection and day (gridsmart.md §4 step g):
// `{"header", "counts": […], "site": <whole site file>, "device": <matched device> | []}`,
// written as a stream so the day's records are serialized in pieces, never as one string.
import { Readable } from 'node:stream';
import { stringifyLakeJson } from '@lake/core';
import type { SiteFile } from '../site/site-file';
import type { MatchedDevice } from '../match/device-match';

export const COUNTS_DATA_TYPE = 'gridsmart';

export interface CountsHeader {
  data_type: string;
  zip_name: unknown;
  collection_date: unknown;
  processing_date: string;
  version: unknown;
}

/** Records serialized per piece (about 300 bytes each). */
const RECORDS_PER_PIECE = 256;

/** The ready header: from a zone header of the day, with the run's processing date. */
export function countsHeader(zoneHeader: Record<string, unknown>, processingDate: string): CountsHeader {
  return {
    data_type: COUNTS_DATA_TYPE,
    zip_name: zoneHeader.zip_name,
    collection_date: zoneHeader.collection_date,
    processing_date: processingDate,
    version: zoneHeader.version,
  };
}

export interface CountsFile {
  header: CountsHeader;
  counts: readonly Record<string, unknown>[];
  site: SiteFile;
  /** `[]` when no unit-data device matched (upstream's marker, read by gs:publish). */
  device: MatchedDevice | [];
}

export function countsFileStream(file: CountsFile): Readable {
  return Readable.from(countsPieces(file), { objectMode: false });
}

function* countsPieces(file: CountsFile): Generator<Buffer> {
  yield Buffer.from(`{"header":${stringifyLakeJson(file.header)},"counts":[`, 'utf8');
  for (let start = 0; start < file.counts.length; start += RECORDS_PER_PIECE) {
    // One call per piece, brackets cut: the same text as record by record, much faster.
    const piece = stringifyLakeJson(file.counts.slice(start, start + RECORDS_PER_PIECE)).slice(1, -1);
    yield Buffer.from(start === 0 ? piece : `,${piece}`, 'utf8');
  }
  yield Buffer.from(`],"site":${stringifyLakeJson(file.site)},"device":${stringifyLakeJson(file.device)}}`, 'utf8');
}
