import os from 'node:os';
import { ConfigError, Lake, LakeTime, MemoryLogger, Registry, definePlugin, type DriverConfig, type DriverEnv, type Stage } from '@lake/core';
import { KnackUnitDataDriver } from './knack-unit-data-driver';
import { knackPlugin } from './plugin';
import { bluetoothMapping, locationRecord, locationsObject, sensorRecord, sensorsObject } from './test-support/bluetooth-knack';
import { KnackDouble } from './test-support/knack-double';

const APP_ID = 'app-5d79';
const API_KEY = 'api-key-very-secret';
/** 2020-03-08 10:00 CDT: the spring-forward day, after the 02:00 change. */
const SPRING_FORWARD_MORNING = new Date('2020-03-08T15:00:00Z');

const bluetoothPlugin = definePlugin({ name: '@lake/test-bluetooth', coreRange: '^0.1.0', unitDataMappings: { knack: bluetoothMapping } });

describe('KnackUnitDataDriver', () => {
  let double: KnackDouble;
  let log: MemoryLogger;

  function env(registry = new Registry().register(bluetoothPlugin), now = SPRING_FORWARD_MORNING): DriverEnv {
    return { home: os.tmpdir(), time: new LakeTime('America/Chicago', () => now), log, config: {}, registry };
  }

  function settings(extra: Record<string, unknown> = {}): DriverConfig {
    return { driver: 'knack', appId: APP_ID, apiKey: API_KEY, baseUrl: double.baseUrl, ...extra };
  }

  async function startDouble(sensors: Record<string, unknown>[], locations: Record<string, unknown>[]): Promise<void> {
    double = await new KnackDouble({ appId: APP_ID, apiKey: API_KEY, objects: [sensorsObject(sensors), locationsObject(locations)] }).start();
  }

  beforeEach(() => {
    log = new MemoryLogger();
  });
  afterEach(() => double?.stop());

  it('builds the Bluetooth unit data: filtered sensors joined to their locations, with a header for today', async () => {
    await startDouble(
      [
        sensorRecord('s1', { sensorId: 7, reader: 'lamar_6th', locationId: 'LOC16-000001', kitsId: '12.9' }),
        sensorRecord('s2', { sensorId: 8, reader: 'no_location', locationId: null }),
        sensorRecord('s3', { type: 'RADAR', sensorId: 9, locationId: 'LOC16-000001' }),
        sensorRecord('s4', { sensorId: 10, reader: 'burnet', locationId: 'LOC16-000390' }),
      ],
      [
        locationRecord('l1', { locationId: 'LOC16-000001', intersectionId: '5150001', primary: ' 6TH ST', cross: 'LAMAR BLVD ' }),
        locationRecord('l2', { locationId: 'LOC16-000390', point: null, primary: ' BURNET RD ', crossSegment: '' }),
      ],
    );
    const snapshot = await new KnackUnitDataDriver(settings(), env()).fetch('bt');

    expect(snapshot.header).toEqual({
      data_type: 'bt_unit_data',
      target_filename: 'Austin_bt_2020-03-08_unit_data.json',
      collection_date: '2020-03-08 00:00:00-06:00',
      processing_date: '2020-03-08 10:00:00-05:00',
    });
    expect(snapshot.devices).toEqual([
      {
        device_type: 'BLUETOOTH',
        atd_device_id: '7',
        device_name: 'lamar_6th',
        device_status: 'TURNED_ON',
        device_ip: '10.0.0.1',
        ip_comm_status: 'ONLINE',
        atd_location_id: 'LOC16-000001',
        coa_intersection_id: 5150001,
        lat: 30.25,
        lon: -97.75,
        primary_st: '6TH ST',
        primary_st_segment_id: 2010001,
        cross_st: 'LAMAR BLVD',
        cross_st_segment_id: 2010002,
        kits_id: 12,
      },
      {
        device_type: 'BLUETOOTH',
        atd_device_id: '8',
        device_name: 'no_location',
        device_status: 'TURNED_ON',
        device_ip: '10.0.0.1',
        ip_comm_status: 'ONLINE',
        atd_location_id: null,
        coa_intersection_id: null,
        lat: null,
        lon: null,
        primary_st: null,
        primary_st_segment_id: null,
        cross_st: null,
        cross_st_segment_id: null,
        kits_id: null,
      },
      expect.objectContaining({ device_name: 'burnet', atd_location_id: 'LOC16-000390', lat: null, lon: null, primary_st: 'BURNET RD', cross_st_segment_id: null }),
    ]);
    expect(snapshot.devices.every((device) => Object.keys(device).join() === bluetoothMapping.fields.join())).toBe(true);
    expect(JSON.parse(double.recordRequests('object_56')[0].query.get('filters') ?? '')).toEqual({
      match: 'and',
      rules: [{ field: 'field_884', operator: 'is', value: 'BLUETOOTH' }],
    });
  });

  it('reads 2 500 sensors over three pages', async () => {
    const sensors = Array.from({ length: 2500 }, (_, index) => sensorRecord(`s${index}`, { sensorId: index, locationId: 'LOC16-000001' }));
    await startDouble(sensors, [locationRecord('l1', { locationId: 'LOC16-000001' })]);
    const snapshot = await new KnackUnitDataDriver(settings(), env()).fetch('bt');
    expect(snapshot.devices).toHaveLength(2500);
    expect(double.recordRequests('object_56')).toHaveLength(3);
  });

  it('stamps the collection date with that midnight\'s own offset on the fall-back day', async () => {
    await startDouble([], []);
    const afterFallBack = new Date('2020-11-01T18:00:00Z'); // 12:00 CST
    const snapshot = await new KnackUnitDataDriver(settings({ areaBase: 'Lakeway' }), env(undefined, afterFallBack)).fetch('bt');
    expect(snapshot.header).toMatchObject({
      target_filename: 'Lakeway_bt_2020-11-01_unit_data.json',
      collection_date: '2020-11-01 00:00:00-05:00',
      processing_date: '2020-11-01 12:00:00-06:00',
    });
    expect(snapshot.devices).toEqual([]);
  });

  it('stamps the run day just before local midnight', async () => {
    await startDouble([], []);
    const lateEvening = new Date('2020-06-02T04:59:59Z'); // 2020-06-01 23:59:59 CDT
    const snapshot = await new KnackUnitDataDriver(settings(), env(undefined, lateEvening)).fetch('bt');
    expect(snapshot.header.collection_date).toBe('2020-06-01 00:00:00-05:00');
  });

  it('uses the object ids and filter of the config instead of the plugin defaults', async () => {
    await startDouble([sensorRecord('s1', { type: 'RADAR', reader: 'radar_1' }), sensorRecord('s2', { reader: 'bt_1' })], []);
    const perSource = settings({ objects: { bt: { deviceFilter: { field: 'SENSOR_TYPE', value: 'RADAR' } } } });
    const radar = await new KnackUnitDataDriver(perSource, env()).fetch('bt');
    expect(radar.devices.map((device) => device.device_name)).toEqual(['radar_1']);

    const unfiltered = await new KnackUnitDataDriver(settings({ objects: { deviceFilter: null } }), env()).fetch('bt');
    expect(unfiltered.devices.map((device) => device.device_name)).toEqual(['radar_1', 'bt_1']);

    const elsewhere = new KnackUnitDataDriver(settings({ objects: { deviceObject: 'object_57' } }), env());
    await expect(elsewhere.fetch('bt')).rejects.toMatchObject({ code: 'KNACK_UNKNOWN_OBJECT', message: expect.stringContaining('object_57') });
  });

  it('warns about a location id found twice and keeps one device', async () => {
    await startDouble(
      [sensorRecord('s1', { locationId: 'LOC16-000001' })],
      [locationRecord('l1', { locationId: 'LOC16-000001', primary: 'FIRST' }), locationRecord('l2', { locationId: 'LOC16-000001', primary: 'SECOND' })],
    );
    const snapshot = await new KnackUnitDataDriver(settings(), env()).fetch('bt');
    expect(snapshot.devices).toHaveLength(1);
    expect(snapshot.devices[0].primary_st).toBe('FIRST');
    expect(log.text()).toContain('WARN Knack object_11: ATD_LOCATION_ID LOC16-000001 found on several locations');
  });

  it('retries Knack answers 429 and 503', async () => {
    await startDouble([sensorRecord('s1', { locationId: 'LOC16-000001' })], [locationRecord('l1', { locationId: 'LOC16-000001' })]);
    double.failNext(1, 429, '0');
    double.failNext(2, 503);
    const delays: number[] = [];
    const driver = new KnackUnitDataDriver(settings(), env(), { sleep: async (ms) => void delays.push(ms) });
    expect((await driver.fetch('bt')).devices).toHaveLength(1);
    expect(delays).toEqual([500, 1000, 2000]);
    expect(log.text()).toContain('answered 503');
  });

  it.each(['appId', 'apiKey'])('refuses a config without %s, with a hint', (name) => {
    const config: DriverConfig = { driver: 'knack', appId: APP_ID, apiKey: API_KEY };
    delete config[name];
    const create = () => new KnackUnitDataDriver(config, env());
    expect(create).toThrow(ConfigError);
    expect(create).toThrow(`the knack unit-data driver needs "${name}"`);
    try {
      create();
    } catch (error) {
      expect((error as ConfigError).hint).toMatch(/\$\{env:KNACK_(APP_ID|API_KEY)\}/);
    }
  });

  it('refuses an empty apiKey', () => {
    expect(() => new KnackUnitDataDriver({ driver: 'knack', appId: APP_ID, apiKey: ' ' }, env())).toThrow(ConfigError);
  });

  it('says which plugin should provide a missing mapping', async () => {
    await startDouble([], []);
    const stage = { name: 'wt:ready', dataSource: 'wt' } as unknown as Stage;
    const registry = new Registry().register(bluetoothPlugin).register(definePlugin({ name: '@lake/source-wavetronix', coreRange: '^0.1.0', stages: [stage] }));
    const driver = new KnackUnitDataDriver(settings(), env(registry));
    await expect(driver.fetch('wt')).rejects.toMatchObject({ code: 'NO_UNIT_DATA_MAPPING', hint: expect.stringContaining('@lake/source-wavetronix provides the wt stages') });
    await expect(driver.fetch('gs')).rejects.toMatchObject({ code: 'NO_UNIT_DATA_MAPPING', message: expect.stringContaining('"gs"') });
    expect(double.requests).toEqual([]);
  });

  it('is the knack unitData driver of a lake once the plugin is registered', async () => {
    await startDouble([sensorRecord('s1', { locationId: 'LOC16-000001' })], [locationRecord('l1', { locationId: 'LOC16-000001' })]);
    const registry = new Registry().register(bluetoothPlugin).register(knackPlugin);
    const lake = new Lake({
      config: { areaBase: 'Austin', unitData: { bt: settings() } },
      home: os.tmpdir(),
      registry,
      clock: () => SPRING_FORWARD_MORNING,
    });
    try {
      const snapshot = await (await lake.unitDataDriver('bt')).fetch('bt');
      expect(snapshot.header.target_filename).toBe('Austin_bt_2020-03-08_unit_data.json');
      expect(snapshot.devices).toHaveLength(1);
    } finally {
      await lake.close();
    }
  });
});
