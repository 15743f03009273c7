// How the City of Austin's Knack asset database describes its traffic sensors (unitdata.md
// §1.1–1.2). Shared by the Bluetooth and Wavetronix sources — which may not depend on each
// other — like the other Austin defaults core carries (repository names, area base). Object and
// field ids are Austin's; a deployment overrides them under unitData.<code>.objects.
import type { UnitDataMapping } from './unit-data-mapping';

/** Sensors (`object_56`) of one SENSOR_TYPE, left-joined to locations (`object_11`): the Bluetooth readers and the radars. */
export function atdSensorMapping(dataSource: string, sensorType: string): UnitDataMapping {
  return {
    dataSource,
    deviceObject: 'object_56',
    deviceFilter: { field: 'field_884', value: sensorType },
    locationObject: 'object_11',
    joinOn: 'ATD_LOCATION_ID',
    renames: {
      ATD_LOCATION_ID: 'atd_location_id',
      ATD_SENSOR_ID: 'atd_device_id',
      READER_ID: 'device_name',
      SENSOR_IP: 'device_ip',
      IP_COMM_STATUS: 'ip_comm_status',
      SENSOR_TYPE: 'device_type',
      SENSOR_STATUS: 'device_status',
      COA_INTERSECTION_ID: 'coa_intersection_id',
      CROSS_ST: 'cross_st',
      CROSS_ST_SEGMENT_ID: 'cross_st_segment_id',
      LOCATION_latitude: 'lat',
      LOCATION_longitude: 'lon',
      PRIMARY_ST: 'primary_st',
      PRIMARY_ST_SEGMENT_ID: 'primary_st_segment_id',
      KITS_ID: 'kits_id',
    },
    fields: [
      'device_type', 'atd_device_id', 'device_name', 'device_status', 'device_ip', 'ip_comm_status', 'atd_location_id',
      'coa_intersection_id', 'lat', 'lon', 'primary_st', 'primary_st_segment_id', 'cross_st', 'cross_st_segment_id', 'kits_id',
    ],
    integerFields: ['kits_id', 'coa_intersection_id', 'primary_st_segment_id', 'cross_st_segment_id'],
    floatFields: ['lat', 'lon'],
    trimFields: ['primary_st', 'cross_st'],
  };
}
