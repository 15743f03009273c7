// Generated hostile unit-data files (issue 8) where the core `file` unit-data driver reads them,
// through bt:standard (which fetches and stores the day's unit data) and bt:ready (which joins
// records to it) on a real embedded lake. A snapshot that cannot be used fails the run's
// "unit data" with a LakeError naming the file, while the AWAM files are still standardized; one
// that can is stored, read back and used. The 50 MiB document runs in a child process whose peak
// RSS is bounded.
import fs from 'node:fs';
import path from 'node:path';
import { parseLakeJson, runStage } from '@lake/core';
import { forkTs, jsonVariants, withPrivateTmp, type JsonMutation } from '@lake/testing';
import { BT_DEVICE, awamDays, removeFolder, tempFolder, writeFiles } from '../test-support/awam-files';
import { AwamTestLake } from '../test-support/awam-lake';
import type { MemoryChildOutcome } from '../test-support/hostile-memory-child';
import { BluetoothInsert } from './bt-insert';
import { BluetoothReady } from './bt-ready';
import { BluetoothStandard } from './bt-standard';

const DAY = '2019-06-01';
const STANDARDIZED = 'atd-datalake-rawjson';
const STORED_UNIT_DATA = '2019/06/10/bt/Austin_bt_2019-06-10_unit_data.json';
const SAMPLE = {
  header: { data_type: 'bt_unit_data', target_filename: 'Austin_bt_2019-06-09_unit_data.json', collection_date: '2019-06-09 00:00:00-05:00' },
  devices: [BT_DEVICE, { ...BT_DEVICE, atd_device_id: 8, device_name: 'lamar_mlk', device_ip: '10.1.2.4' }],
};
/** What cannot be read as unit data at all. */
const ALWAYS_REFUSED: ReadonlySet<JsonMutation> = new Set(['deep', 'deep-unclosed', 'truncate']);

describe('unit data from generated hostile files', () => {
  let lake: AwamTestLake;
  let share: string;
  const unitDataFile = () => path.join(lake.unitDataDir, 'Austin_bt_unit_data.json');

  beforeAll(async () => {
    lake = new AwamTestLake();
    share = writeFiles(tempFolder(), awamDays([DAY]));
    const inserted = await runStage(new BluetoothInsert(), { lastRunDate: '0', sourcedir: share }, lake.lake);
    expect(inserted.failures).toEqual([]);
  });

  afterAll(async () => {
    await lake.dispose();
    removeFolder(share);
  });

  const variants = jsonVariants(SAMPLE, { seed: 8_100, perKind: 3 });

  it('makes variants of every kind', () => {
    expect(new Set(variants.map((variant) => variant.kind))).toEqual(new Set(['non-finite', 'wrong-type', 'deep', 'deep-unclosed', 'huge-string', 'missing', 'truncate']));
    expect(variants.length).toBeGreaterThanOrEqual(17);
  });

  it.each(variants.map((variant) => [variant.name, variant] as const))('%s: refused naming the file, or stored and used; the AWAM files go on', async (_name, variant) => {
    fs.writeFileSync(unitDataFile(), variant.bytes);
    fs.rmSync(lake.stored(STANDARDIZED, STORED_UNIT_DATA), { force: true });
    lake.advance(1);
    const { value: standard, leftovers } = await withPrivateTmp(() => runStage(new BluetoothStandard(), { lastRunDate: '0', force: true }, lake.lake));
    expect(leftovers).toEqual([]);
    expect(standard.records).toBe(3);
    expect((await lake.catalogDays(STANDARDIZED)).filter((row) => row.endsWith(DAY))).toEqual(['matched.json 2019-06-01', 'traf_match_summary.json 2019-06-01', 'unmatched.json 2019-06-01']);

    if (standard.failures.length > 0) {
      expect(standard.failures).toEqual([expect.objectContaining({ label: 'unit data', code: 'UNIT_DATA_UNAVAILABLE', message: expect.stringContaining(unitDataFile()) })]);
      expect(fs.existsSync(lake.stored(STANDARDIZED, STORED_UNIT_DATA))).toBe(false);
      return;
    }
    expect(ALWAYS_REFUSED.has(variant.kind)).toBe(false);
    const stored = parseLakeJson(lake.readStored(STANDARDIZED, STORED_UNIT_DATA)) as { devices: unknown[] };
    expect(stored.devices.every((device) => typeof device === 'object' && device !== null && !Array.isArray(device))).toBe(true);

    lake.advance(1);
    const ready = await runStage(new BluetoothReady(), { lastRunDate: '0', force: true }, lake.lake);
    for (const failure of ready.failures) {
      expect(failure.code).not.toBe('ERROR');
      expect(`${failure.label} ${failure.message}`).toMatch(/Austin_bt_2019-06-01_\w+\.json|unit_data\.json/);
    }
  });
});

describe('unit data: a 50 MiB document', () => {
  it('is refused with a clear error, the AWAM files still standardized, under 300 MB of peak memory', async () => {
    const child = await forkTs(path.join(__dirname, '../test-support/hostile-memory-child.ts'), ['unit-data-50mb']);
    expect(child.stderr).toBe('');
    expect(child.code).toBe(0);
    const outcome = JSON.parse(child.stdout) as MemoryChildOutcome;
    expect(outcome.failures).toEqual([
      expect.objectContaining({ label: 'unit data', code: 'UNIT_DATA_UNAVAILABLE', message: expect.stringMatching(/Austin_bt_unit_data\.json: it is 50(\.\d)? MiB, more than the 16 MiB a unit-data file may be\)$/) }),
    ]);
    expect(outcome.records).toBe(3);
    expect(outcome.peakRssBytes).toBeLessThan(300 * 1024 * 1024);
  }, 120_000);
});
