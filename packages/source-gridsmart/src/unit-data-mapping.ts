// How Austin's Knack describes the GRIDSMART detectors (unitdata.md §1.1 GRIDSMART): their own
// object, flagged by field_2384, joined to the locations on SIGNAL_ID (not ATD_LOCATION_ID as for
// the other sensors), with no device name and no KITS id. Applied by the configured unit-data
// driver; a deployment overrides the object and field ids under unitData.gs.objects.
import type { UnitDataMapping } from '@lake/core';

export const gridsmartUnitDataMapping: UnitDataMapping = {
  dataSource: 'gs',
  deviceObject: 'object_98',
  // Upstream's filter: "is 1" (what the flag means is undocumented, unitdata.md §5.7).
  deviceFilter: { field: 'field_2384', value: 1 },
  locationObject: 'object_11',
  joinOn: 'SIGNAL_ID',
  constants: { SENSOR_TYPE: 'GRIDSMART' },
  renames: {
    DETECTOR_ID: 'atd_device_id',
    DETECTOR_IP: 'device_ip',
    DETECTOR_STATUS: 'device_status',
    IP_COMM_STATUS: 'ip_comm_status',
    SENSOR_TYPE: 'device_type',
    ATD_LOCATION_ID: 'atd_location_id',
    COA_INTERSECTION_ID: 'coa_intersection_id',
    LOCATION_latitude: 'lat',
    LOCATION_longitude: 'lon',
    PRIMARY_ST: 'primary_st',
    PRIMARY_ST_SEGMENT_ID: 'primary_st_segment_id',
    CROSS_ST: 'cross_st',
    CROSS_ST_SEGMENT_ID: 'cross_st_segment_id',
  },
  fields: [
    'device_type', 'atd_device_id', 'device_ip', 'device_status', 'ip_comm_status', 'atd_location_id', 'coa_intersection_id',
    'lat', 'lon', 'primary_st', 'primary_st_segment_id', 'cross_st', 'cross_st_segment_id',
  ],
  integerFields: ['coa_intersection_id', 'primary_st_segment_id', 'cross_st_segment_id'],
  floatFields: ['lat', 'lon'],
  trimFields: ['primary_st', 'cross_st'],
};
