// The ready counts file of one intersection and day (gridsmart.md §4 step g):
// `{"header", "counts": […], "site": <whole site file>, "device": <matched device> | []}`,
// written as a stream so the day's records are serialized in pieces, never as one string.
import type { Readable } from 'node:stream';
import { lakeJsonObjectStream } from '@lake/core';
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
  counts: readonly Record<string, unknown>[];
  site: SiteFile;
  /** `[]` when no unit-data device matched (upstream's marker, read by gs:publish). */
  device: MatchedDevice | [];
}

export function countsFileStream(file: CountsFile): Readable {
  return lakeJsonObjectStream({ header: file.header }, 'counts', inPieces(file.counts), { site: file.site, device: file.device });
}

/** The day's records a few hundred at a time: one serialization call per piece. */
function* inPieces(counts: readonly unknown[]): Generator<readonly unknown[]> {
  for (let start = 0; start < counts.length; start += 256) yield counts.slice(start, start + 256);
}
