// The movements table of gridsmart.md §5.1: every vehicle zone of every camera of the counts
// file's site file — no IsConfigured / IncludeInData filter, unlike gs:ready — keyed by the raw
// (undashed) `Vehicle.Id` that gs:ready put into each record's `zone`.
import { siteZones, type DeviceSite } from '../site/site-file';

/**
 * Zone id → the approach of each zone mask with that id (null when the mask has none). A list,
 * because upstream's inner join gives a record once per mask with its zone id.
 */
export type Movements = ReadonlyMap<string, readonly (string | null)[]>;

export function movementsOf(site: DeviceSite): Movements {
  const movements = new Map<string, (string | null)[]>();
  for (const zone of siteZones(site)) {
    const approaches = movements.get(zone.id) ?? [];
    approaches.push(typeof zone.approachType === 'string' ? zone.approachType : null);
    movements.set(zone.id, approaches);
  }
  return movements;
}

/**
 * The device's site.json inside the `site` member of a counts file (the lake's whole site file:
 * header, site, datetime, hardware_info); a bare site.json is accepted too.
 */
export function deviceSiteOf(siteMember: unknown): DeviceSite | null {
  if (!isObject(siteMember)) return null;
  if (isObject(siteMember.site)) return siteMember.site as DeviceSite;
  return 'CameraDevices' in siteMember ? (siteMember as DeviceSite) : null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
