// Which devices of the GRIDSMART inventory are polled (gridsmart.md §1.2), in Knack order: not
// REMOVED, with a location, each IP once, and matching the name filter. Null-safe where upstream
// crashed on a null status or street (§8.18).
import type { Logger } from '@lake/core';

export interface PolledDevice {
  /** `device_ip`, trimmed. */
  address: string;
  /** `primary_st_cross_st` as the name filter sees it (Knack names, `/` read as `&`). */
  knackName: string;
  /** The unit-data row. */
  unit: Record<string, unknown>;
}

/** The devices to contact, from the unit data's `devices[]`. */
export function polledDevices(devices: readonly Record<string, unknown>[], nameFilter: RegExp, log: Logger): PolledDevice[] {
  const polled: PolledDevice[] = [];
  const seenAddresses = new Set<string>();
  for (const unit of devices) {
    if (textOf(unit.device_status).toUpperCase() === 'REMOVED') continue;
    if (!hasLocation(unit.atd_location_id)) continue;
    const knackName = knackNameOf(unit);
    const address = textOf(unit.device_ip);
    if (address === '') {
      log.warn(`GRIDSMART device ${knackName} (atd_device_id ${textOf(unit.atd_device_id)}) has no device_ip; skipped`);
      continue;
    }
    const addressKey = address.toLowerCase();
    if (seenAddresses.has(addressKey)) {
      log.warn(`GRIDSMART device ${knackName} has the IP ${address} of a device listed before it; skipped`);
      continue;
    }
    seenAddresses.add(addressKey);
    // Unanchored, as Python's re.search: the filter may match any part of the name.
    nameFilter.lastIndex = 0;
    if (!nameFilter.test(knackName)) continue;
    polled.push({ address, knackName, unit });
  }
  return polled;
}

/** `primary_st + "_" + (cross_st or "")`, every `/` read as `&`. */
export function knackNameOf(unit: Record<string, unknown>): string {
  return `${textOf(unit.primary_st)}_${textOf(unit.cross_st)}`.replace(/\//g, '&');
}

/** Python truthiness of the location id, except that the text `nan` (a NaN that was trimmed) is none. */
function hasLocation(value: unknown): boolean {
  if (value === null || value === undefined || value === false) return false;
  if (typeof value === 'number') return value !== 0 && !Number.isNaN(value);
  const text = String(value).trim();
  return text !== '' && text.toLowerCase() !== 'nan';
}

/** Trimmed text of a unit-data value; null, undefined and NaN are empty. */
function textOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' && Number.isNaN(value)) return '';
  return String(value).trim();
}
