// Turns the device and location tables of an asset database into unit-data devices, as a
// source plugin's UnitDataMapping says (unitdata.md §1.1–1.2). Pure functions: no I/O.
import type { UnitDataMapping } from '@lake/core';
import { InventoryLabelMissing } from './knack-errors';
import type { LabelledRecord } from './knack-record';
import { toFloat, toInt, trimText } from './normalize-values';

/** The geo field of a Knack location; its raw value carries `latitude` and `longitude`. */
export const LOCATION_LABEL = 'LOCATION';
export const LATITUDE_LABEL = 'LOCATION_latitude';
export const LONGITUDE_LABEL = 'LOCATION_longitude';

export interface InventoryTables {
  devices: LabelledRecord[];
  /** Location records with raw values. */
  locations: LabelledRecord[];
  /** Labels of the device table (default: the keys of its records). */
  deviceLabels?: Iterable<string>;
  /** Labels of the location table, LOCATION unsplit (default: the keys of its records). */
  locationLabels?: Iterable<string>;
}

export interface Inventory {
  devices: Record<string, unknown>[];
  /** Join values found on more than one location; the first location of each was used (B-15). */
  duplicateLocationIds: string[];
}

/**
 * Devices LEFT JOIN locations on `mapping.joinOn`, plus constants, renamed, kept in the order
 * of `mapping.fields` and normalized. A device keeps its own fields; the join adds the location
 * fields the device table does not have (null when the device has no location).
 */
export function buildInventory(mapping: UnitDataMapping, tables: InventoryTables): Inventory {
  const locations = tables.locations.map(withCoordinates);
  const constants = mapping.constants ?? {};
  const deviceLabels = new Set([...(tables.deviceLabels ?? labelsOf(tables.devices)), ...Object.keys(constants)]);
  const locationLabels = new Set(splitLocationLabel(tables.locationLabels ?? labelsOf(tables.locations)));
  const sources = sourceLabels(mapping);
  checkLabels(mapping, sources, deviceLabels, locationLabels, tables);

  const fromLocation = [...new Set(sources.values())].filter((label) => label !== mapping.joinOn && !deviceLabels.has(label) && locationLabels.has(label));
  const { byJoinValue, duplicates } = indexLocations(locations, mapping.joinOn);
  const devices = tables.devices.map((device) => {
    const location = byJoinValue.get(joinValue(device[mapping.joinOn]) ?? '');
    const row: LabelledRecord = { ...device, ...constants };
    for (const label of fromLocation) row[label] = location?.[label] ?? null;
    return toUnitDataDevice(row, mapping, sources);
  });
  return { devices, duplicateLocationIds: duplicates };
}

/** A location with its raw LOCATION value split into latitude and longitude (null when empty: B-19). */
export function withCoordinates(location: LabelledRecord): LabelledRecord {
  if (!(LOCATION_LABEL in location)) return location;
  const { [LOCATION_LABEL]: geo, ...rest } = location;
  const point = typeof geo === 'object' && geo !== null ? (geo as { latitude?: unknown; longitude?: unknown }) : {};
  return { ...rest, [LATITUDE_LABEL]: point.latitude ?? null, [LONGITUDE_LABEL]: point.longitude ?? null };
}

/** Renamed, ordered and normalized device fields of one joined row. */
export function toUnitDataDevice(row: LabelledRecord, mapping: UnitDataMapping, sources = sourceLabels(mapping)): Record<string, unknown> {
  const integers = new Set(mapping.integerFields ?? []);
  const floats = new Set(mapping.floatFields ?? []);
  const trimmed = new Set(mapping.trimFields ?? []);
  const device: Record<string, unknown> = {};
  for (const key of mapping.fields) {
    const value = row[sources.get(key) ?? key] ?? null;
    if (integers.has(key)) device[key] = toInt(value);
    else if (floats.has(key)) device[key] = toFloat(value);
    else if (trimmed.has(key)) device[key] = trimText(value);
    else device[key] = typeof value === 'number' && Number.isNaN(value) ? null : value;
  }
  return device;
}

/** Unit-data key → the source label it is read from (the key itself when not renamed). */
export function sourceLabels(mapping: Pick<UnitDataMapping, 'fields' | 'renames'>): Map<string, string> {
  const labelOfKey = new Map<string, string>();
  for (const [label, key] of Object.entries(mapping.renames)) if (!labelOfKey.has(key)) labelOfKey.set(key, label);
  return new Map(mapping.fields.map((key) => [key, labelOfKey.get(key) ?? key]));
}

/** The text a join compares: connections by identifier, numbers as text, empty as null. */
export function joinValue(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (Array.isArray(value)) {
    if (value.length === 0) return null;
    return value.map((item) => (typeof item === 'object' && item !== null && 'identifier' in item ? String(item.identifier) : String(item))).join(', ');
  }
  return String(value);
}

function indexLocations(locations: LabelledRecord[], joinOn: string): { byJoinValue: Map<string, LabelledRecord>; duplicates: string[] } {
  const byJoinValue = new Map<string, LabelledRecord>();
  const duplicates = new Set<string>();
  for (const location of locations) {
    const value = joinValue(location[joinOn]);
    if (value === null) continue;
    if (byJoinValue.has(value)) duplicates.add(value);
    else byJoinValue.set(value, location);
  }
  return { byJoinValue, duplicates: [...duplicates] };
}

/** Fails before any row is built when the mapping asks for a label neither table has. */
function checkLabels(mapping: UnitDataMapping, sources: Map<string, string>, deviceLabels: Set<string>, locationLabels: Set<string>, tables: InventoryTables): void {
  const devicesKnown = tables.deviceLabels !== undefined || tables.devices.length > 0;
  const locationsKnown = tables.locationLabels !== undefined || tables.locations.length > 0;
  if (devicesKnown && !deviceLabels.has(mapping.joinOn)) {
    throw new InventoryLabelMissing(mapping.joinOn, 'the join of devices to locations', `the device table ${mapping.deviceObject} has no such field`);
  }
  if (locationsKnown && !locationLabels.has(mapping.joinOn)) {
    throw new InventoryLabelMissing(mapping.joinOn, 'the join of devices to locations', `the location table ${mapping.locationObject} has no such field`);
  }
  if (!devicesKnown || !locationsKnown) return;
  for (const [key, label] of sources) {
    if (!deviceLabels.has(label) && !locationLabels.has(label)) {
      throw new InventoryLabelMissing(label, `the unit-data field "${key}"`, `neither the device table ${mapping.deviceObject} nor the location table ${mapping.locationObject} has it`);
    }
  }
}

function splitLocationLabel(labels: Iterable<string>): string[] {
  return [...labels].flatMap((label) => (label === LOCATION_LABEL ? [LATITUDE_LABEL, LONGITUDE_LABEL] : [label]));
}

function labelsOf(records: LabelledRecord[]): Set<string> {
  const labels = new Set<string>();
  for (const record of records) for (const label of Object.keys(record)) labels.add(label);
  return labels;
}
