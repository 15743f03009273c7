// Generated hostile Knack answers (issue 8): the Knack double on 127.0.0.1 rewrites the sensor
// records page, or the application metadata, into bare NaN tokens, values of the wrong type,
// 100 000 levels of `[` (closed or not), enormous strings, missing members or text cut short. A
// real embedded lake fetches the Bluetooth unit data through the knack driver in a stage that does
// what bt:standard does with it (fetch before the items, store before the first item). Each run
// returns; the inventory is either stored, readable, with object devices, or the run fails its
// "unit data" with a LakeError saying what Knack answered; the stage's item is processed anyway.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Lake, MemoryLogger, Registry, Stage, definePlugin, parseLakeJson, runStage, type Provider, type StageContext, type WorkItem } from '@lake/core';
import { jsonVariants, withPrivateTmp, type JsonVariant } from '@lake/testing';
import { knackPlugin } from './plugin';
import { bluetoothMapping, locationRecord, locationsObject, sensorRecord, sensorsObject } from './test-support/bluetooth-knack';
import { KnackDouble } from './test-support/knack-double';

const APP_ID = 'app-hostile';
const API_KEY = 'api-key-hostile-secret';
const NOW = new Date('2019-06-10T08:00:00Z');
const STANDARDIZED = 'atd-datalake-rawjson';
const STORED = '2019/06/10/bt/Austin_bt_2019-06-10_unit_data.json';

/** What bt:standard does with unit data, and nothing else: one item, so the store happens. */
class UnitDataProbe extends Stage<null> {
  readonly name = 'knack:probe';
  readonly description = 'fetch and store the Bluetooth unit data as bt:standard does';
  readonly dataSource = 'bt';
  readonly to = 'standardized';
  readonly perfmetStage = 'Standardize';

  override sourceProvider(): Provider<null> {
    return {
      async *items() {
        yield { base: 'Austin', ext: 'probe.txt', date: new Date('2019-06-01T05:00:00Z'), dateEnd: null, label: 'probe', payload: null };
      },
    };
  }

  override async beforeItems(ctx: StageContext): Promise<void> {
    await ctx.prefetchUnitData();
  }

  async processItem(_item: WorkItem<null>, ctx: StageContext): Promise<number> {
    await ctx.storePrefetchedUnitDataOnce();
    return 1;
  }
}

const sensors = [
  sensorRecord('s1', { sensorId: 7, reader: 'lamar_6th', locationId: 'LOC16-000001', kitsId: '12.9' }),
  sensorRecord('s2', { sensorId: 8, reader: 'lamar_mlk', locationId: 'LOC16-000002' }),
];
const locations = [locationRecord('l1', { locationId: 'LOC16-000001', primary: ' 6TH ST' }), locationRecord('l2', { locationId: 'LOC16-000002', point: null })];
const page = { total_pages: 1, current_page: '1', total_records: sensors.length, records: sensors };
const metadata = {
  application: { id: APP_ID, name: 'Data Tracker (double)', objects: [sensorsObject([]), locationsObject([])].map(({ key, name, fields }) => ({ key, name, fields: fields.map((field) => ({ ...field, type: 'short_text' })) })) },
};

type Target = 'records' | 'metadata';
const cases: [string, Target, JsonVariant][] = [
  ...jsonVariants(page, { seed: 8_500, perKind: 3, hugeStringLength: 1024 * 1024 }).map((variant) => [`records ${variant.name}`, 'records', variant] as [string, Target, JsonVariant]),
  ...jsonVariants(metadata, { seed: 8_501, perKind: 2, hugeStringLength: 1024 * 1024 }).map((variant) => [`metadata ${variant.name}`, 'metadata', variant] as [string, Target, JsonVariant]),
];

describe('the knack unit-data driver on generated hostile answers', () => {
  let home: string;

  beforeEach(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'knack-hostile-'));
  });
  afterEach(() => fs.rmSync(home, { recursive: true, force: true }));

  it('makes variants of both answers', () => {
    expect(cases.filter(([, target]) => target === 'records').length).toBeGreaterThanOrEqual(17);
    expect(cases.filter(([, target]) => target === 'metadata').length).toBeGreaterThanOrEqual(12);
  });

  it.each(cases)('%s: stored and usable, or a failed "unit data" saying what Knack answered', async (_name, target, variant) => {
    const rewritten = target === 'records' ? `/v1/objects/object_56/records` : `/v1/applications/${APP_ID}`;
    const double = await new KnackDouble({
      appId: APP_ID,
      apiKey: API_KEY,
      objects: [sensorsObject(sensors), locationsObject(locations)],
      rewrite: (requestPath, text) => (requestPath === rewritten ? variant.text : text),
    }).start();
    const log = new MemoryLogger();
    const registry = new Registry().register(definePlugin({ name: '@lake/test-bluetooth', coreRange: '^0.1.0', unitDataMappings: { knack: bluetoothMapping } })).register(knackPlugin);
    const lake = new Lake({
      home,
      log,
      registry,
      clock: () => NOW,
      config: { unitData: { bt: { driver: 'knack', appId: APP_ID, apiKey: API_KEY, baseUrl: double.baseUrl, attempts: 1 } } },
    });
    try {
      const { value: result, leftovers } = await withPrivateTmp(() => runStage(new UnitDataProbe(), { lastRunDate: '0' }, lake));
      expect(leftovers).toEqual([]);
      expect(result.records).toBe(1);
      const stored = path.join(home, STANDARDIZED, STORED);
      if (result.failures.length > 0) {
        expect(result.failures).toEqual([expect.objectContaining({ label: 'unit data', code: expect.stringMatching(/^(KNACK_|UNIT_DATA_)/) })]);
        expect(result.failures[0].message).toMatch(target === 'records' ? /object_56|records/ : /metadata|object_56|object_11|field/);
        expect(fs.existsSync(stored)).toBe(false);
        expect(log.text()).not.toContain(API_KEY);
        return;
      }
      expect(['deep', 'deep-unclosed', 'truncate']).not.toContain(variant.kind);
      const snapshot = parseLakeJson(fs.readFileSync(stored, 'utf8'), stored) as { devices: unknown[] };
      expect(snapshot.devices.every((device) => typeof device === 'object' && device !== null && !Array.isArray(device))).toBe(true);
    } finally {
      await lake.close();
      await double.stop();
    }
  });
});
