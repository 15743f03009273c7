// The Bluetooth inventory as the original read it (unitdata.md §1.1–1.2, bluetooth.md §4), and
// Knack tables shaped like Austin's: sensors in object_56, locations in object_11. Field keys
// other than field_884 are made up.
import type { UnitDataMapping } from '@lake/core';
import type { KnackFieldDef, KnackObjectDef } from './knack-double';

export const bluetoothMapping: UnitDataMapping = {
  dataSource: 'bt',
  deviceObject: 'object_56',
  deviceFilter: { field: 'field_884', value: 'BLUETOOTH' },
  locationObject: 'object_11',
  joinOn: 'ATD_LOCATION_ID',
  renames: {
    SENSOR_TYPE: 'device_type',
    ATD_SENSOR_ID: 'atd_device_id',
    READER_ID: 'device_name',
    SENSOR_STATUS: 'device_status',
    SENSOR_IP: 'device_ip',
    IP_COMM_STATUS: 'ip_comm_status',
    ATD_LOCATION_ID: 'atd_location_id',
    COA_INTERSECTION_ID: 'coa_intersection_id',
    LOCATION_latitude: 'lat',
    LOCATION_longitude: 'lon',
    PRIMARY_ST: 'primary_st',
    PRIMARY_ST_SEGMENT_ID: 'primary_st_segment_id',
    CROSS_ST: 'cross_st',
    CROSS_ST_SEGMENT_ID: 'cross_st_segment_id',
    KITS_ID: 'kits_id',
  },
  fields: [
    'device_type',
    'atd_device_id',
    'device_name',
    'device_status',
    'device_ip',
    'ip_comm_status',
    'atd_location_id',
    'coa_intersection_id',
    'lat',
    'lon',
    'primary_st',
    'primary_st_segment_id',
    'cross_st',
    'cross_st_segment_id',
    'kits_id',
  ],
  integerFields: ['kits_id', 'coa_intersection_id', 'primary_st_segment_id', 'cross_st_segment_id'],
  floatFields: ['lat', 'lon'],
  trimFields: ['primary_st', 'cross_st'],
};

export const SENSOR_FIELDS: KnackFieldDef[] = [
  { key: 'field_884', name: 'SENSOR_TYPE' },
  { key: 'field_1000', name: 'ATD_SENSOR_ID' },
  { key: 'field_1001', name: 'READER_ID' },
  { key: 'field_1002', name: 'SENSOR_STATUS' },
  { key: 'field_1003', name: 'SENSOR_IP' },
  { key: 'field_1004', name: 'IP_COMM_STATUS' },
  { key: 'field_1005', name: 'ATD_LOCATION_ID' },
  { key: 'field_1006', name: 'KITS_ID' },
];

export const LOCATION_FIELDS: KnackFieldDef[] = [
  { key: 'field_1200', name: 'ATD_LOCATION_ID' },
  { key: 'field_1201', name: 'COA_INTERSECTION_ID' },
  { key: 'field_1202', name: 'CROSS_ST' },
  { key: 'field_1203', name: 'CROSS_ST_SEGMENT_ID' },
  { key: 'field_1204', name: 'LOCATION' },
  { key: 'field_1205', name: 'PRIMARY_ST' },
  { key: 'field_1206', name: 'PRIMARY_ST_SEGMENT_ID' },
  { key: 'field_1207', name: 'SIGNAL_ID' },
];

/** A Knack record from label → raw value; formatted text is the raw value as text ("" when empty). */
export function knackRecord(fields: KnackFieldDef[], id: string, values: Record<string, unknown>, formatted: Record<string, string> = {}): Record<string, unknown> {
  const record: Record<string, unknown> = { id };
  for (const { key, name } of fields) {
    const raw = values[name];
    record[key] = formatted[name] ?? (raw === undefined || raw === null ? '' : typeof raw === 'object' ? JSON.stringify(raw) : String(raw));
    if (raw !== undefined) record[`${key}_raw`] = raw;
  }
  return record;
}

export interface SensorValues {
  type?: string;
  sensorId?: number;
  reader?: string;
  status?: string;
  ip?: string;
  comm?: string;
  locationId?: string | null;
  kitsId?: string;
}

/** A sensor; its ATD_LOCATION_ID is a connection, formatted by Knack as HTML. */
export function sensorRecord(id: string, values: SensorValues): Record<string, unknown> {
  const location = values.locationId ? [{ id: `loc-${values.locationId}`, identifier: values.locationId }] : [];
  return knackRecord(
    SENSOR_FIELDS,
    id,
    {
      SENSOR_TYPE: values.type ?? 'BLUETOOTH',
      ATD_SENSOR_ID: values.sensorId ?? 1,
      READER_ID: values.reader ?? `reader_${id}`,
      SENSOR_STATUS: values.status ?? 'TURNED_ON',
      SENSOR_IP: values.ip ?? '10.0.0.1',
      IP_COMM_STATUS: values.comm ?? 'ONLINE',
      ATD_LOCATION_ID: location,
      KITS_ID: values.kitsId ?? '',
    },
    { ATD_LOCATION_ID: values.locationId ? `<span class="loc-${values.locationId}">${values.locationId}</span>` : '' },
  );
}

export interface LocationValues {
  locationId: string;
  intersectionId?: unknown;
  primary?: string;
  primarySegment?: unknown;
  cross?: string;
  crossSegment?: unknown;
  /** `null` = an empty LOCATION (B-19). */
  point?: { latitude: unknown; longitude: unknown } | null;
  signalId?: unknown;
}

export function locationRecord(id: string, values: LocationValues): Record<string, unknown> {
  return knackRecord(LOCATION_FIELDS, id, {
    ATD_LOCATION_ID: values.locationId,
    COA_INTERSECTION_ID: values.intersectionId ?? 5150001,
    CROSS_ST: values.cross ?? 'LAMAR BLVD',
    CROSS_ST_SEGMENT_ID: values.crossSegment ?? 2010002,
    LOCATION: values.point === undefined ? { latitude: '30.25', longitude: '-97.75', street: '6th St' } : values.point === null ? '' : values.point,
    PRIMARY_ST: values.primary ?? '6TH ST',
    PRIMARY_ST_SEGMENT_ID: values.primarySegment ?? 2010001,
    SIGNAL_ID: values.signalId ?? 101,
  });
}

export function sensorsObject(records: Record<string, unknown>[]): KnackObjectDef {
  return { key: 'object_56', name: 'sensors', fields: SENSOR_FIELDS, records };
}

export function locationsObject(records: Record<string, unknown>[]): KnackObjectDef {
  return { key: 'object_11', name: 'locations', fields: LOCATION_FIELDS, records };
}
