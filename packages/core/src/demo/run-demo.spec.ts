// `lake demo`: seed each installed source's samples under <home>/samples/<ds>, then run the whole
// pipeline on them with the embedded default.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MemoryLogger } from '../log/logger';
import type { SampleData } from '../registry/sample-data';
import { Registry } from '../registry/registry';
import { TEST_DATASET, testPlugin, testStages, writeSourceFiles } from '../test-support/test-stages';
import { Lake } from '../lake/lake';
import { NoSampleData, runDemo } from './run-demo';

describe('runDemo', () => {
  let home: string;
  const clock = () => new Date('2019-06-10T17:00:00Z');

  let seededDirs: string[];

  beforeEach(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'lake-demo-'));
    seededDirs = [];
  });
  afterEach(() => fs.rmSync(home, { recursive: true, force: true }));

  const sample = (config?: Record<string, unknown>): SampleData => ({
    dataSource: 'ts',
    async seed(dir) {
      seededDirs.push(dir);
      writeSourceFiles(dir, ['2019-06-01', '2019-06-02']);
      return { startDate: '2019-06-01', endDate: '2019-06-03', stageOptions: { 'ts:insert': { sourcedir: dir } }, config };
    },
  });

  const registryWith = (samples: SampleData[]) => {
    const { ingest, standardize, ready, publish } = testStages();
    return new Registry().register(testPlugin([ingest, standardize, ready, publish], samples));
  };

  it('seeds the samples into <home>/samples/<ds> and runs every stage on them', async () => {
    const { home: usedHome, results } = await runDemo({ home, clock, registry: registryWith([sample()]), log: new MemoryLogger() });

    expect(usedHome).toBe(home);
    expect(seededDirs).toEqual([path.join(home, 'samples', 'ts')]);
    expect(fs.readdirSync(path.join(home, 'samples', 'ts')).sort()).toEqual(['counts_2019-06-01.csv', 'counts_2019-06-02.csv']);
    expect(results.map(({ stage, items, failures }) => [stage, items, failures.length])).toEqual([
      ['ts:insert', 2, 0],
      ['ts:standard', 2, 0],
      ['ts:ready', 2, 0],
      ['ts:publish', 2, 0],
    ]);
    expect(fs.existsSync(path.join(home, 'publish', `${TEST_DATASET}.csv`))).toBe(true);
  });

  it('summarizes what the run produced: catalog rows per repository, published rows, perfmet jobs', async () => {
    const { summary, results } = await runDemo({ home, clock, registry: registryWith([sample()]) });

    expect(summary.catalogRows).toEqual({
      'atd-datalake-raw': 2,
      'atd-datalake-rawjson': 2,
      'atd-datalake-ready': 2,
      socrata: 2,
    });
    const publish = results.find((result) => result.stage === 'ts:publish');
    expect(summary.publishedRows).toEqual({ 'ts:publish': publish?.records });
    expect(summary.jobs).toHaveLength(4);
    expect(summary.jobs.every((job) => job.failures === 0 && job.records > 0)).toBe(true);
  });

  it('leaves the lake closed and readable by the next run', async () => {
    await runDemo({ home, clock, registry: registryWith([sample()]) });
    const again = await runDemo({ home, clock, registry: registryWith([sample()]) });
    expect(again.results.map((result) => result.items)).toEqual([0, 0, 0, 0]);

    const forced = await runDemo({ home, clock, registry: registryWith([sample()]), force: true });
    expect(forced.results.map((result) => result.items)).toEqual([2, 2, 2, 2]);
  });

  it('applies the config a sample asks for', async () => {
    const config = { repositories: { raw: { production: 'demo-raw', debug: 'demo-raw-test' } } };
    await runDemo({ home, clock, registry: registryWith([sample(config)]) });

    expect(fs.existsSync(path.join(home, 'demo-raw', '2019', '06', '01', 'ts', 'Test_ts_2019-06-01.csv'))).toBe(true);
    const lake = new Lake({ home, clock, config });
    try {
      const rows = [];
      for await (const row of (await lake.catalog()).overlaps({ repository: 'demo-raw', start: new Date(0), end: clock() })) rows.push(row);
      expect(rows).toHaveLength(2);
    } finally {
      await lake.close();
    }
  });

  it('refuses to run without any sample data', async () => {
    const attempt = runDemo({ home, clock, registry: registryWith([]) });
    await expect(attempt).rejects.toBeInstanceOf(NoSampleData);
    await expect(attempt).rejects.toMatchObject({ code: 'NO_SAMPLE_DATA', exitCode: 2 });
    expect(fs.existsSync(path.join(home, 'samples'))).toBe(false);
  });

  it('refuses with only the embedded plugin installed', async () => {
    await expect(runDemo({ home, clock })).rejects.toBeInstanceOf(NoSampleData);
  });
});

describe('mergeSampleConfig', () => {
  const { mergeSampleConfig } = jest.requireActual('./run-demo') as typeof import('./run-demo');

  it('lets two samples each add their own per-source unit-data driver', () => {
    const first = mergeSampleConfig({}, { unitData: { bt: { driver: 'file', path: '/bt' } } });
    const both = mergeSampleConfig(first, { unitData: { wt: { driver: 'file', path: '/wt' } } });
    expect(both.unitData).toEqual({ bt: { driver: 'file', path: '/bt' }, wt: { driver: 'file', path: '/wt' } });
  });

  it('replaces a single driver block instead of mixing its settings', () => {
    const merged = mergeSampleConfig({ storage: { driver: 's3', bucket: 'x' } }, { storage: { driver: 'local' } });
    expect(merged.storage).toEqual({ driver: 'local' });
  });
});
