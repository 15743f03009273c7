// The example stages used as a library: no oclif, no CLI, just a Lake and runStage.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Lake, MemoryLogger, Registry, runDemo, runStage, type CatalogEntry, type PerfmetObservation } from '@lake/core';
import { ExampleInsert, ExamplePublish, ExampleStandard, EXAMPLE_DATASET, examplePlugin } from '../index';
import { exampleSample } from '../samples';

const NOW = new Date('2019-07-01T17:00:00Z');
const RANGE = { startDate: '2019-06-01', endDate: '2019-06-04' };

describe('the example stages as a library', () => {
  let root: string;
  let home: string;
  let sourcedir: string;
  let log: MemoryLogger;
  let lake: Lake;

  beforeEach(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'lake-example-'));
    home = path.join(root, 'home');
    sourcedir = path.join(root, 'incoming');
    mkdirSync(sourcedir);
    await exampleSample.seed(sourcedir);
    log = new MemoryLogger();
    lake = new Lake({ home, registry: new Registry().register(examplePlugin), log, clock: () => NOW });
  });

  afterEach(async () => {
    await lake.close();
    rmSync(root, { recursive: true, force: true });
  });

  async function catalogRows(purpose: string): Promise<CatalogEntry[]> {
    return (await lake.catalog()).list({ repository: lake.repository(purpose), dataSource: 'ex' });
  }

  it('ex:insert stores each day\'s counts file byte for byte and catalogs it', async () => {
    const result = await runStage(new ExampleInsert(), { ...RANGE, sourcedir }, lake);
    expect(result).toMatchObject({ stage: 'ex:insert', items: 3, records: 3, failures: [] });
    const stored = path.join(home, 'atd-datalake-raw', '2019', '06', '02', 'ex', 'Example_ex_2019-06-02.csv');
    expect(readFileSync(stored, 'utf8')).toBe(readFileSync(path.join(sourcedir, 'counts_2019-06-02.csv'), 'utf8'));
    const rows = await catalogRows('raw');
    expect(rows.map((row) => row.pointer)).toEqual([
      '2019/06/01/ex/Example_ex_2019-06-01.csv',
      '2019/06/02/ex/Example_ex_2019-06-02.csv',
      '2019/06/03/ex/Example_ex_2019-06-03.csv',
    ]);
  });

  it('ex:insert reads `sourcedir` from the source config when the run does not give it', async () => {
    const configured = new Lake({ home, config: { sources: { ex: { sourcedir } } }, registry: new Registry().register(examplePlugin), clock: () => NOW });
    try {
      expect(await runStage(new ExampleInsert(), RANGE, configured)).toMatchObject({ items: 3, failures: [] });
    } finally {
      await configured.close();
    }
  });

  it('ex:insert keeps only the days in the window', async () => {
    const result = await runStage(new ExampleInsert(), { startDate: '2019-06-02', endDate: '2019-06-03', sourcedir }, lake);
    expect(result).toMatchObject({ items: 1, records: 1 });
    expect(readdirSync(path.join(home, 'atd-datalake-raw', '2019', '06'))).toEqual(['02']);
  });

  it('ex:standard writes header + data JSON, warns about bad lines and records sensor totals', async () => {
    await runStage(new ExampleInsert(), { ...RANGE, sourcedir }, lake);
    const result = await runStage(new ExampleStandard(), RANGE, lake);
    expect(result).toMatchObject({ stage: 'ex:standard', items: 3, records: 6, failures: [] });

    const json = JSON.parse(readFileSync(path.join(home, 'atd-datalake-rawjson', '2019', '06', '03', 'ex', 'Example_ex_2019-06-03.json'), 'utf8'));
    expect(json.header).toEqual({
      data_type: 'example',
      origin_filename: 'Example_ex_2019-06-03.csv',
      target_filename: 'Example_ex_2019-06-03.json',
      collection_date: '2019-06-03 00:00:00-05:00',
      processing_date: expect.stringMatching(/^2019-07-01 12:00:00(\.0+)?-05:00$/),
      rows_skipped: 1,
    });
    expect(json.data).toEqual([
      { sensor: 'lamar_6th', count: 118 },
      { sensor: 'burnet_koenig', count: 42 },
    ]);
    expect(log.text()).toContain('WARN Example_ex_2019-06-03.csv line 3: expected "sensor,count", got "congress_5th,not-a-number"');

    const observations: PerfmetObservation[] = [];
    for await (const observation of (await lake.perfmetDriver()).readObservations({})) observations.push(observation);
    const lamar = observations.filter((observation) => observation.sensorName === 'lamar_6th');
    expect(lamar.map((observation) => [lake.time.calendarDate(observation.collectionDate), observation.data]).sort()).toEqual([
      ['2019-06-01', 120],
      ['2019-06-02', 131],
      ['2019-06-03', 118],
    ]);
    expect(observations.every((observation) => observation.dataType === 'Vehicle Counts')).toBe(true);
  });

  it('ex:standard does not standardize a day again once it has its JSON', async () => {
    await runStage(new ExampleInsert(), { ...RANGE, sourcedir }, lake);
    await runStage(new ExampleStandard(), RANGE, lake);
    expect(await runStage(new ExampleStandard(), RANGE, lake)).toMatchObject({ items: 0, records: 0 });
    expect(await runStage(new ExampleStandard(), { ...RANGE, force: true }, lake)).toMatchObject({ items: 3, records: 6 });
  });

  it('ex:standard reports a day whose raw file is gone and standardizes the others', async () => {
    await runStage(new ExampleInsert(), { ...RANGE, sourcedir }, lake);
    rmSync(path.join(home, 'atd-datalake-raw', '2019', '06', '01', 'ex', 'Example_ex_2019-06-01.csv'));
    const result = await runStage(new ExampleStandard(), RANGE, lake);
    expect(result).toMatchObject({ items: 3, records: 4 });
    expect(result.failures).toEqual([expect.objectContaining({ label: '2019/06/01/ex/Example_ex_2019-06-01.csv' })]);
    expect((await catalogRows('standardized')).map((row) => row.pointer)).toEqual([
      '2019/06/02/ex/Example_ex_2019-06-02.json',
      '2019/06/03/ex/Example_ex_2019-06-03.json',
    ]);
  });

  it('ex:publish adds one row per reading with an MD5 row id and catalogs the published days', async () => {
    await runStage(new ExampleInsert(), { ...RANGE, sourcedir }, lake);
    await runStage(new ExampleStandard(), RANGE, lake);
    const result = await runStage(new ExamplePublish(), RANGE, lake);
    expect(result).toMatchObject({ stage: 'ex:publish', items: 3, records: 6, failures: [] });
    const csv = readFileSync(path.join(home, 'publish', `${EXAMPLE_DATASET}.csv`), 'utf8').split('\r\n');
    expect(csv[0]).toBe('row_id,sensor,day,count');
    expect(csv[1]).toBe(`${createHash('md5').update('lamar_6th2019-06-01').digest('hex')},lamar_6th,2019-06-01,120`);
    expect(csv.filter(Boolean)).toHaveLength(7);
    const published = await catalogRows('public');
    expect(published.map((row) => [row.repository, row.pointer, lake.time.calendarDate(row.collectionDate)])).toEqual([
      ['socrata', EXAMPLE_DATASET, '2019-06-01'],
      ['socrata', EXAMPLE_DATASET, '2019-06-02'],
      ['socrata', EXAMPLE_DATASET, '2019-06-03'],
    ]);
    expect(await runStage(new ExamplePublish(), RANGE, lake)).toMatchObject({ items: 0 });
  });

  it('simulating ex:publish writes no row and catalogs nothing', async () => {
    await runStage(new ExampleInsert(), { ...RANGE, sourcedir }, lake);
    await runStage(new ExampleStandard(), RANGE, lake);
    expect(await runStage(new ExamplePublish(), { ...RANGE, simulate: true }, lake)).toMatchObject({ items: 3, records: 6, failures: [] });
    expect(readdirSync(home)).not.toContain('publish');
    expect(await catalogRows('public')).toEqual([]);
  });
});

describe('the example plugin', () => {
  let home: string;

  beforeEach(() => {
    home = mkdtempSync(path.join(os.tmpdir(), 'lake-example-demo-'));
  });

  afterEach(() => rmSync(home, { recursive: true, force: true }));

  it('registers its three stages in data-flow order and its sample', () => {
    const registry = new Registry().register(examplePlugin);
    expect(registry.stages().map((stage) => stage.name)).toEqual(['ex:insert', 'ex:standard', 'ex:publish']);
    expect(registry.samples().map((sample) => sample.dataSource)).toEqual(['ex']);
  });

  it('seeds three days of samples and names the folder ex:insert reads', async () => {
    const run = await exampleSample.seed(home);
    expect(readdirSync(home).sort()).toEqual(['counts_2019-06-01.csv', 'counts_2019-06-02.csv', 'counts_2019-06-03.csv']);
    expect(run).toEqual({ startDate: '2019-06-01', endDate: '2019-06-04', stageOptions: { 'ex:insert': { sourcedir: home } } });
  });

  it('runs end to end through runDemo without any CLI, and a second run does nothing', async () => {
    const registry = new Registry().register(examplePlugin);
    const first = await runDemo({ home, registry });
    expect(first.results.map((result) => [result.stage, result.items, result.records, result.failures.length])).toEqual([
      ['ex:insert', 3, 3, 0],
      ['ex:standard', 3, 6, 0],
      ['ex:publish', 3, 6, 0],
    ]);
    const second = await runDemo({ home, registry });
    expect(second.results.map((result) => result.items)).toEqual([0, 0, 0]);
    expect(readFileSync(path.join(home, 'publish', `${EXAMPLE_DATASET}.csv`), 'utf8').split('\r\n').filter(Boolean)).toHaveLength(7);
  });
});
