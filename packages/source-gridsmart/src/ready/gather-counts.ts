// The counts of one intersection's local day (gridsmart.md §4 step c): per configured camera and
// per zone included in data, the records of the day's zone file inside the local day, plus those
// of the adjacent day's file when the device clock shifted the day (`day_covered`). The records go
// to a sink as they are read (gs:ready's sorter), never held whole here.
import type { JsonInput, LakeTime } from '@lake/core';
import { siteZones, type DeviceSite, type SiteZone } from '../site/site-file';
import type { CountsSink } from './day-counts';
import { dayWindow, readZoneDay, stopReason, type ZoneDayRead } from './zone-day';

/** Opens a zone's standardized file of a day, or null when the catalog has none. */
export type ZoneFileOpener = (guid: string, date: Date) => Promise<{ where: string; open: () => Promise<JsonInput> } | null>;

export interface GatherNote {
  level: 'info' | 'warn';
  text: string;
}

/** A zone whose adjacent-day file is missing. */
export interface MissingAdjacent {
  guid: string;
  /** 1: the previous day's file is missing; -1: the next day's. */
  dayCovered: 1 | -1;
  date: Date;
}

export interface GatheredCounts {
  /** Records handed to the sink and not dropped again (zone by zone, in gathering order). */
  records: number;
  /** The first zone read whole (current and adjacent file) supplies the ready header. */
  header: Record<string, unknown> | null;
  /** Upstream's `dayDirErr`, per zone: the zones whose adjacent-day file is missing. */
  missingAdjacent: MissingAdjacent[];
  notes: GatherNote[];
}

export async function gatherCounts(site: DeviceSite, day: Date, openZoneFile: ZoneFileOpener, time: LakeTime, sink: CountsSink): Promise<GatheredCounts> {
  const gathered: GatheredCounts = { records: 0, header: null, missingAdjacent: [], notes: [] };
  const window = dayWindow(day, time);
  const dayText = time.calendarDate(day);
  let firstHeader: Record<string, unknown> | null = null;
  let files = 0;
  // Each file read hands its records to the sink as they come; a file that stops is dropped again.
  const readZone = async (zone: SiteZone, date: Date): Promise<{ where: string; read: ZoneDayRead } | 'missing'> => {
    const file = await openZoneFile(zone.guid, date);
    if (!file) return 'missing';
    const number = files++;
    const read = await readZoneDay(await file.open(), file.where, window, zone.id, time, (records) => sink.add(number, records));
    if (read.stoppedAt !== null) sink.drop(number);
    else gathered.records += read.kept;
    return { where: file.where, read };
  };

  for (const zone of siteZones(site)) {
    if (!zone.cameraConfigured || !zone.includeInData) continue;
    const current = await readZone(zone, day);
    if (current === 'missing') {
      gathered.notes.push({ level: 'warn', text: `zone ${zone.guid}: no standardized file for ${dayText}; skipped` });
      continue;
    }
    if (current.read.stoppedAt !== null) {
      // Nothing of the zone is used, and the adjacent day is not read.
      gathered.notes.push({ level: 'warn', text: `${stopReason(current.where, current.read)}; zone ${zone.guid} skipped` });
      continue;
    }
    const header = current.read.header as Record<string, unknown>;
    firstHeader ??= header;

    const dayCovered = header.day_covered;
    if (dayCovered === undefined) {
      gathered.notes.push({ level: 'warn', text: `${current.where}: 'day_covered' is missing from the header; data from the adjacent day may be missing` });
    } else if (dayCovered === 1 || dayCovered === -1) {
      // 1: the device's day started late, so its previous file holds the start of the local day.
      const adjacentDate = time.addDays(day, dayCovered === 1 ? -1 : 1);
      const adjacent = await readZone(zone, adjacentDate);
      if (adjacent === 'missing') {
        const which = dayCovered === 1 ? 'previous' : 'next';
        gathered.notes.push({ level: 'warn', text: `zone ${zone.guid}: no standardized file for the ${which} day ${time.calendarDate(adjacentDate)}` });
        gathered.missingAdjacent.push({ guid: zone.guid, dayCovered, date: adjacentDate });
      } else if (adjacent.read.stoppedAt !== null) {
        // The current day's records stay; the zone gives no header and no completeness error.
        gathered.notes.push({ level: 'warn', text: `${stopReason(adjacent.where, adjacent.read)}; only ${dayText}'s file of zone ${zone.guid} used` });
        continue;
      }
    }
    gathered.header ??= header;
  }
  // Upstream crashed when records came only from zones that supplied no header; any zone header
  // of the day describes the same ZIP.
  if (!gathered.header && gathered.records > 0) gathered.header = firstHeader;
  return gathered;
}
