// A whole counts ZIP → one local JSON file per zone, ready to be stored. Nothing is stored here:
// the stage stores the files only once the whole archive went through, so a failing item leaves
// nothing half-written in the lake.
import path from 'node:path';
import type { CountsVersion } from '../formats/gridsmart-columns';
import { standardizeZone, type TimedRecords, type ZoneContext, type ZoneResult } from '../formats/zone-standardizer';
import { CountsZip, type CountsZipOptions, type CountsZipZone, type WalkNote } from './counts-zip';

export interface StandardizedZone {
  guid: string;
  /** The local JSON file. */
  file: string;
  result: ZoneResult;
}

export interface SkippedZone {
  guid: string;
  error: unknown;
}

export interface StandardizedZip {
  zones: StandardizedZone[];
  skipped: SkippedZone[];
  notes: WalkNote[];
  /** Over every zone of the archive (the perfmet observation, §3.5). */
  timed: TimedRecords;
  records: number;
}

/** Standardizes every zone of the archive at `zipPath` into `workDir`. */
export async function standardizeZip(zipPath: string, context: ZoneContext, options: CountsZipOptions & { workDir: string }): Promise<StandardizedZip> {
  const walk = await CountsZip.open(zipPath, options);
  const out: StandardizedZip = { zones: [], skipped: [], notes: walk.notes, timed: { count: 0, minUtcMicros: null, maxUtcMicros: null }, records: 0 };
  try {
    let archiveVersion: CountsVersion | null = null;
    const empty: CountsZipZone[] = [];
    let fileNumber = 0;
    const run = async (zone: CountsZipZone, emptyVersion?: CountsVersion | null) => {
      const file = path.join(options.workDir, `zone-${fileNumber++}.json`);
      try {
        const result = await standardizeZone(zone, context, file, emptyVersion);
        if (!result) return empty.push(zone);
        out.zones.push({ guid: zone.guid, file, result });
        if (archiveVersion === null && result.header.version !== null) archiveVersion = result.header.version as CountsVersion;
      } catch (error) {
        out.skipped.push({ guid: zone.guid, error });
      }
    };
    for (const zone of walk.zones) await run(zone);
    // An empty file has no version of its own: it takes the archive's (upstream read the first file's).
    const emptyZones = empty.splice(0);
    for (const zone of emptyZones) await run(zone, archiveVersion);
  } finally {
    await walk.close();
  }
  for (const { result } of out.zones) {
    out.records += result.records;
    mergeTimed(out.timed, result.timed);
  }
  return out;
}

function mergeTimed(into: TimedRecords, from: TimedRecords): void {
  into.count += from.count;
  if (from.minUtcMicros !== null && (into.minUtcMicros === null || from.minUtcMicros < into.minUtcMicros)) into.minUtcMicros = from.minUtcMicros;
  if (from.maxUtcMicros !== null && (into.maxUtcMicros === null || from.maxUtcMicros > into.maxUtcMicros)) into.maxUtcMicros = from.maxUtcMicros;
}
