import { LakeError, type UnitDataMapping } from '@lake/core';
import { buildInventory, joinValue, sourceLabels, withCoordinates } from './inventory';
import { toFloat, toInt, trimText } from './normalize-values';
import { bluetoothMapping } from './test-support/bluetooth-knack';

const SENSOR_LABELS = ['id', 'SENSOR_TYPE', 'ATD_SENSOR_ID', 'READER_ID', 'SENSOR_STATUS', 'SENSOR_IP', 'IP_COMM_STATUS', 'ATD_LOCATION_ID', 'KITS_ID'];
const LOCATION_LABELS = ['id', 'ATD_LOCATION_ID', 'COA_INTERSECTION_ID', 'CROSS_ST', 'CROSS_ST_SEGMENT_ID', 'LOCATION', 'PRIMARY_ST', 'PRIMARY_ST_SEGMENT_ID', 'SIGNAL_ID'];

function sensor(values: Record<string, unknown>): Record<string, unknown> {
  return {
    id: 's',
    SENSOR_TYPE: 'BLUETOOTH',
    ATD_SENSOR_ID: '7',
    READER_ID: 'lamar_6th',
    SENSOR_STATUS: 'TURNED_ON',
    SENSOR_IP: '10.1.2.3',
    IP_COMM_STATUS: 'ONLINE',
    ATD_LOCATION_ID: 'LOC16-000001',
    KITS_ID: null,
    ...values,
  };
}

function location(values: Record<string, unknown>): Record<string, unknown> {
  return {
    id: 'l',
    ATD_LOCATION_ID: 'LOC16-000001',
    COA_INTERSECTION_ID: 5150001,
    CROSS_ST: 'LAMAR BLVD',
    CROSS_ST_SEGMENT_ID: 2010002,
    LOCATION: { latitude: '30.25', longitude: '-97.75' },
    PRIMARY_ST: '6TH ST',
    PRIMARY_ST_SEGMENT_ID: 2010001,
    SIGNAL_ID: 101,
    ...values,
  };
}

function bluetoothInventory(devices: Record<string, unknown>[], locations: Record<string, unknown>[]) {
  return buildInventory(bluetoothMapping, { devices, locations, deviceLabels: SENSOR_LABELS, locationLabels: LOCATION_LABELS });
}

describe('buildInventory (Bluetooth mapping)', () => {
  it('joins a sensor to its location and writes the unit-data fields in order', () => {
    const { devices } = bluetoothInventory([sensor({})], [location({})]);
    expect(devices).toEqual([
      {
        device_type: 'BLUETOOTH',
        atd_device_id: '7',
        device_name: 'lamar_6th',
        device_status: 'TURNED_ON',
        device_ip: '10.1.2.3',
        ip_comm_status: 'ONLINE',
        atd_location_id: 'LOC16-000001',
        coa_intersection_id: 5150001,
        lat: 30.25,
        lon: -97.75,
        primary_st: '6TH ST',
        primary_st_segment_id: 2010001,
        cross_st: 'LAMAR BLVD',
        cross_st_segment_id: 2010002,
        kits_id: null,
      },
    ]);
    expect(Object.keys(devices[0])).toEqual(bluetoothMapping.fields);
  });

  it('drops SIGNAL_ID and every label the mapping does not name', () => {
    const { devices } = bluetoothInventory([sensor({ EXTRA: 'x' })], [location({})]);
    expect(devices[0]).not.toHaveProperty('SIGNAL_ID');
    expect(devices[0]).not.toHaveProperty('EXTRA');
    expect(devices[0]).not.toHaveProperty('id');
  });

  it('keeps a device without a location, with null location fields (not "nan": B-14)', () => {
    const { devices } = bluetoothInventory([sensor({ ATD_LOCATION_ID: null }), sensor({ ATD_LOCATION_ID: 'LOC16-999999' })], [location({})]);
    for (const device of devices) {
      expect(device).toMatchObject({ coa_intersection_id: null, lat: null, lon: null, primary_st: null, primary_st_segment_id: null, cross_st: null, cross_st_segment_id: null });
    }
    expect(devices[1].atd_location_id).toBe('LOC16-999999');
  });

  it('gives null coordinates to a location whose LOCATION is empty (B-19)', () => {
    const { devices } = bluetoothInventory([sensor({})], [location({ LOCATION: null })]);
    expect(devices[0]).toMatchObject({ lat: null, lon: null, primary_st: '6TH ST' });
  });

  it('normalizes: integers via float, floats, trimmed streets', () => {
    const { devices } = bluetoothInventory(
      [sensor({ KITS_ID: '12.9' })],
      [location({ COA_INTERSECTION_ID: '', PRIMARY_ST: ' BURNET RD ', CROSS_ST: 'RICHCREEK RD  ', PRIMARY_ST_SEGMENT_ID: '2011236.0', LOCATION: { latitude: 30.35, longitude: 'n/a' } })],
    );
    expect(devices[0]).toMatchObject({ kits_id: 12, coa_intersection_id: null, primary_st: 'BURNET RD', cross_st: 'RICHCREEK RD', primary_st_segment_id: 2011236, lat: 30.35, lon: null });
  });

  it('uses the first of two locations with one id, without duplicating the device, and reports it (B-15)', () => {
    const { devices, duplicateLocationIds } = bluetoothInventory(
      [sensor({})],
      [location({ PRIMARY_ST: 'FIRST ST' }), location({ PRIMARY_ST: 'SECOND ST' }), location({ ATD_LOCATION_ID: 'LOC16-000002' })],
    );
    expect(devices).toHaveLength(1);
    expect(devices[0].primary_st).toBe('FIRST ST');
    expect(duplicateLocationIds).toEqual(['LOC16-000001']);
  });

  it('joins on connection values by their identifiers', () => {
    const { devices } = bluetoothInventory([sensor({})], [location({ ATD_LOCATION_ID: [{ id: 'abc', identifier: 'LOC16-000001' }] })]);
    expect(devices[0].primary_st).toBe('6TH ST');
  });

  it('keeps the device value when both tables have a label', () => {
    const { devices } = buildInventory(bluetoothMapping, {
      devices: [sensor({ PRIMARY_ST: 'DEVICE ST' })],
      locations: [location({})],
      deviceLabels: [...SENSOR_LABELS, 'PRIMARY_ST'],
      locationLabels: LOCATION_LABELS,
    });
    expect(devices[0]).toMatchObject({ primary_st: 'DEVICE ST', cross_st: 'LAMAR BLVD' });
  });

  it('fails with the missing label named, before building any device', () => {
    const labels = SENSOR_LABELS.filter((label) => label !== 'KITS_ID');
    const build = () => buildInventory(bluetoothMapping, { devices: [sensor({})], locations: [location({})], deviceLabels: labels, locationLabels: LOCATION_LABELS });
    expect(build).toThrow(LakeError);
    expect(build).toThrow(/"kits_id" needs the field label "KITS_ID", but neither the device table object_56 nor the location table object_11 has it/);
  });

  it('fails when a table lacks the join label', () => {
    const build = () =>
      buildInventory(bluetoothMapping, { devices: [], locations: [], deviceLabels: SENSOR_LABELS, locationLabels: LOCATION_LABELS.filter((label) => label !== 'ATD_LOCATION_ID') });
    expect(build).toThrow(expect.objectContaining({ code: 'UNIT_DATA_LABEL_MISSING', message: expect.stringContaining('location table object_11') }));
  });

  it('builds nothing from no devices', () => {
    expect(bluetoothInventory([], [location({})])).toEqual({ devices: [], duplicateLocationIds: [] });
  });

  it('derives the labels from the records when none are given', () => {
    const { devices } = buildInventory(bluetoothMapping, { devices: [sensor({})], locations: [location({})] });
    expect(devices[0].lat).toBe(30.25);
  });
});

describe('buildInventory (GRIDSMART-like mapping)', () => {
  const gridsmart: UnitDataMapping = {
    dataSource: 'gs',
    deviceObject: 'object_98',
    deviceFilter: { field: 'field_2384', value: 1 },
    locationObject: 'object_11',
    joinOn: 'SIGNAL_ID',
    constants: { SENSOR_TYPE: 'GRIDSMART' },
    renames: { DETECTOR_ID: 'atd_device_id', SENSOR_TYPE: 'device_type', ATD_LOCATION_ID: 'atd_location_id', PRIMARY_ST: 'primary_st' },
    fields: ['device_type', 'atd_device_id', 'atd_location_id', 'primary_st'],
    integerFields: ['atd_device_id'],
    trimFields: ['primary_st'],
  };

  it('adds constants and joins on SIGNAL_ID, numbers matching their text', () => {
    const { devices } = buildInventory(gridsmart, {
      devices: [{ id: 'd', DETECTOR_ID: '6548', SIGNAL_ID: '101' }],
      locations: [location({ SIGNAL_ID: 101, PRIMARY_ST: ' BURNET RD' })],
      deviceLabels: ['id', 'DETECTOR_ID', 'SIGNAL_ID'],
      locationLabels: LOCATION_LABELS,
    });
    expect(devices).toEqual([{ device_type: 'GRIDSMART', atd_device_id: 6548, atd_location_id: 'LOC16-000001', primary_st: 'BURNET RD' }]);
  });
});

describe('value rules', () => {
  it.each([
    ['12.9', 12],
    ['-3.7', -3],
    [' 42 ', 42],
    [7, 7],
    [7.99, 7],
    ['1e3', 1000],
    ['', null],
    ['n/a', null],
    ['0x10', null],
    [null, null],
    [undefined, null],
    [NaN, null],
    [Infinity, null],
  ])('toInt(%p) = %p', (value, expected) => {
    expect(toInt(value)).toBe(expected);
  });

  it('toInt never writes -0', () => {
    expect(Object.is(toInt('-0.5'), 0)).toBe(true);
  });

  it.each([
    ['30.25', 30.25],
    [-97.75, -97.75],
    ['', null],
    ['abc', null],
    [null, null],
    [NaN, null],
  ])('toFloat(%p) = %p', (value, expected) => {
    expect(toFloat(value)).toBe(expected);
  });

  it.each([
    [' BURNET RD ', 'BURNET RD'],
    [' BURNET RD', 'BURNET RD'],
    [null, null],
    [undefined, null],
    [NaN, null],
    [2011236, '2011236'],
  ])('trimText(%p) = %p', (value, expected) => {
    expect(trimText(value)).toBe(expected);
  });
});

describe('helpers', () => {
  it('splits LOCATION into latitude and longitude', () => {
    expect(withCoordinates({ LOCATION: { latitude: 1, longitude: 2, street: 'x' }, A: 'a' })).toEqual({ A: 'a', LOCATION_latitude: 1, LOCATION_longitude: 2 });
    expect(withCoordinates({ LOCATION: null })).toEqual({ LOCATION_latitude: null, LOCATION_longitude: null });
    expect(withCoordinates({ A: 'a' })).toEqual({ A: 'a' });
  });

  it('reads each field from its renamed label, or from itself', () => {
    expect([...sourceLabels({ fields: ['a', 'B'], renames: { A_LABEL: 'a' } })]).toEqual([
      ['a', 'A_LABEL'],
      ['B', 'B'],
    ]);
  });

  it('compares join values as text', () => {
    expect(joinValue(101)).toBe('101');
    expect(joinValue('')).toBeNull();
    expect(joinValue([])).toBeNull();
    expect(joinValue([{ id: 'x', identifier: 'LOC' }])).toBe('LOC');
  });
});
