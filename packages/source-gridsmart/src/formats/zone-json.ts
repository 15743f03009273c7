// A zone's standardized file `{"header": {...}, "data": [...]}` (gridsmart.md §3.4), written as
// a stream batch by batch so a day never sits in memory whole. Numbers that are not finite are
// written as null (upstream wrote bare NaN tokens, §8.9).
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { lakeJsonObjectStream } from '@lake/core';

export interface ZoneHeader {
  data_type: 'gridsmart';
  zip_name: string;
  origin_filename: string;
  target_filename: string;
  collection_date: string;
  processing_date: string;
  version: number | null;
  guid: string;
  day_covered?: -1 | 0 | 1;
}

/** The header with its keys in upstream's order, `day_covered` only when computed. */
export function orderedZoneHeader(header: ZoneHeader): ZoneHeader {
  const { data_type, zip_name, origin_filename, target_filename, collection_date, processing_date, version, guid, day_covered } = header;
  const ordered: ZoneHeader = { data_type, zip_name, origin_filename, target_filename, collection_date, processing_date, version, guid };
  if (day_covered !== undefined) ordered.day_covered = day_covered;
  return ordered;
}

/** Writes the file to a local path; a failing batch source leaves no file behind. */
export async function writeZoneJson(filePath: string, header: ZoneHeader, batches: AsyncIterable<readonly object[]>): Promise<void> {
  try {
    await pipeline(lakeJsonObjectStream({ header: orderedZoneHeader(header) }, 'data', batches), fs.createWriteStream(filePath));
  } catch (error) {
    await fs.promises.rm(filePath, { force: true });
    throw error;
  }
}
