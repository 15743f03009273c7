import { atdSensorMapping } from '@lake/core';
import { gridsmartDevice } from './test-support/gs-lake';
import { gridsmartUnitDataMapping as mapping } from './unit-data-mapping';

const LOCATION_LABELS = ['ATD_LOCATION_ID', 'COA_INTERSECTION_ID', 'LOCATION_latitude', 'LOCATION_longitude', 'PRIMARY_ST', 'PRIMARY_ST_SEGMENT_ID', 'CROSS_ST', 'CROSS_ST_SEGMENT_ID'];

describe('gridsmartUnitDataMapping', () => {
  it('reads the GRIDSMART detectors of object_98 flagged by field_2384, joined to object_11 on SIGNAL_ID', () => {
    expect(mapping).toMatchObject({
      dataSource: 'gs',
      deviceObject: 'object_98',
      deviceFilter: { field: 'field_2384', value: 1 },
      locationObject: 'object_11',
      joinOn: 'SIGNAL_ID',
      constants: { SENSOR_TYPE: 'GRIDSMART' },
    });
  });

  it('keeps the unitdata.md §1.1 GRIDSMART fields in their order: no device_name, no kits_id, no SIGNAL_ID', () => {
    expect(mapping.fields).toEqual([
      'device_type', 'atd_device_id', 'device_ip', 'device_status', 'ip_comm_status', 'atd_location_id', 'coa_intersection_id',
      'lat', 'lon', 'primary_st', 'primary_st_segment_id', 'cross_st', 'cross_st_segment_id',
    ]);
    // the order the GRIDSMART rows of the tests (and of stored unit data) have
    expect(Object.keys(gridsmartDevice())).toEqual(mapping.fields);
  });

  it('renames the detector labels, and every field has exactly one source label', () => {
    expect(mapping.renames).toMatchObject({
      DETECTOR_ID: 'atd_device_id',
      DETECTOR_IP: 'device_ip',
      DETECTOR_STATUS: 'device_status',
      IP_COMM_STATUS: 'ip_comm_status',
      SENSOR_TYPE: 'device_type',
    });
    const targets = Object.values(mapping.renames);
    expect([...targets].sort()).toEqual([...mapping.fields].sort());
    expect(new Set(targets).size).toBe(targets.length);
  });

  it('renames the location fields as the sensor mapping of the other sources does', () => {
    const sensor = atdSensorMapping('bt', 'BLUETOOTH');
    for (const label of LOCATION_LABELS) expect([label, mapping.renames[label]]).toEqual([label, sensor.renames[label]]);
  });

  it('normalizes as unitdata.md §1.2: ids to integers, coordinates to floats, streets trimmed', () => {
    expect(mapping.integerFields).toEqual(['coa_intersection_id', 'primary_st_segment_id', 'cross_st_segment_id']);
    expect(mapping.floatFields).toEqual(['lat', 'lon']);
    expect(mapping.trimFields).toEqual(['primary_st', 'cross_st']);
    for (const key of [...mapping.integerFields!, ...mapping.floatFields!, ...mapping.trimFields!]) expect(mapping.fields).toContain(key);
  });
});
