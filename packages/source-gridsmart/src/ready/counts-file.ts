// The ready counts file of one intersection and day (gridsmart.md §4 step g):
// `{"header", "counts": […], "site": <whole site file>, "device": <matched device> | []}`,
// written as a stream so the day's records are serialized in pieces, never as one string (and,
// from gs:ready's sorter, never held whole).
import { Readable } from 'node:stream';
import { lakeJsonObjectStream, stringifyLakeJson } from '@lake/core';
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
  /**
   * The records, or their JSON as array elements in pieces (`{…},{…}` once concatenated, as
   * gs:ready's sorter gives them): the file's bytes are the same either way.
   */
  counts: readonly Record<string, unknown>[] | AsyncIterable<string | Buffer>;
  site: SiteFile;
  /** `[]` when no unit-data device matched (upstream's marker, read by gs:publish). */
  device: MatchedDevice | [];
}

export function countsFileStream(file: CountsFile): Readable {
  const counts = file.counts;
  if (Array.isArray(counts)) return lakeJsonObjectStream({ header: file.header }, 'counts', inPieces(counts), { site: file.site, device: file.device });
  return Readable.from(withSerializedCounts(file, counts as AsyncIterable<string | Buffer>), { objectMode: false });
}

/** The bytes lakeJsonObjectStream writes for the same file, the counts' JSON passed through. */
async function* withSerializedCounts(file: CountsFile, counts: AsyncIterable<string | Buffer>): AsyncGenerator<Buffer> {
  yield Buffer.from(`{"header":${stringifyLakeJson(file.header)},"counts":[`, 'utf8');
  for await (const piece of counts) yield typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
  yield Buffer.from(`],"site":${stringifyLakeJson(file.site)},"device":${stringifyLakeJson(file.device)}}`, 'utf8');
}

/** The day's records a few hundred at a time: one serialization call per piece. */
function* inPieces(counts: readonly unknown[]): Generator<readonly unknown[]> {
  for (let start = 0; start < counts.length; start += 256) yield counts.slice(start, start + 256);
}
