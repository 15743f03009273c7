// `lake catalog export` → `import` into a fresh lake → `export` again gives the same lines: the
// file is a lossless backup of the catalog and perfmet tables.
import fs from 'node:fs';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { catalogToolsFixtures, seedCatalogTools } from '@lake/testing';
import { TestLake } from '../test-support/test-lake';
import { CATALOG_EXPORT_FORMAT, type CatalogExportHeader } from './catalog-export-format';
import { exportCatalog, exportCatalogToFile } from './export-catalog';
import { importCatalog, importCatalogFile } from './import-catalog';
import type { Lake } from './lake';

/** The lines an export writes, without the trailing newline. */
async function exportLines(lake: Lake, options = {}): Promise<string[]> {
  const chunks: string[] = [];
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  await exportCatalog(lake, output, options);
  return chunks.join('').split('\n').slice(0, -1);
}

const parsed = (lines: string[]) => lines.map((line) => JSON.parse(line) as Record<string, unknown>);

describe('exportCatalog', () => {
  let source: TestLake;
  let target: TestLake;

  beforeEach(async () => {
    source = new TestLake();
    target = new TestLake();
    const rows = catalogToolsFixtures(source.lake.time);
    // Text the embedded driver keeps as the source wrote it.
    rows.observations.push({ ...rows.observations[1], sensorName: 'raw text', timestampMin: '06/01/2019 00:05', timestampMax: '' });
    await seedCatalogTools({ catalog: await source.lake.catalogDriver(), perfmet: await source.lake.perfmetDriver() }, rows);
  });
  afterEach(async () => {
    await source.dispose();
    await target.dispose();
  });

  it('writes a header, then one line per catalog row, perfmet job and observation', async () => {
    const lines = parsed(await exportLines(source.lake));
    expect(lines[0]).toEqual<CatalogExportHeader>({
      format: CATALOG_EXPORT_FORMAT,
      version: 1,
      exported_at: '2019-06-10T17:00:00.000Z',
      time_zone: 'America/Chicago',
      tables: ['catalog', 'perfmet_job', 'perfmet_obs'],
      filters: { data_source: null, repository: null },
    });
    expect(lines.slice(1).map((line) => line.table)).toEqual([...Array(5).fill('catalog'), 'perfmet_job', 'perfmet_job', 'perfmet_obs', 'perfmet_obs', 'perfmet_obs']);
  });

  it('writes instants as ISO UTC to the millisecond, nulls as null, metadata as JSON', async () => {
    const lines = parsed(await exportLines(source.lake));
    expect(lines.find((line) => line.id_ext === 'unit_data.json')).toEqual({
      table: 'catalog',
      repository: 'atd-datalake-ready',
      data_source: 'bt',
      id_base: 'Austin',
      id_ext: 'unit_data.json',
      pointer: '2019/06/01/bt/Austin_bt_2019-06-01_unit_data.json',
      collection_date: '2019-06-01T05:00:00.000Z',
      collection_end: '2019-06-03T05:00:00.000Z',
      processing_date: '2019-06-02T06:05:00.001Z',
      metadata: { devices: 3, note: 'snapshot "A"', nested: { ids: [1, null, 'x'], ok: true } },
    });
    expect(lines.find((line) => line.id_ext === 'csv')).toMatchObject({ collection_end: null, processing_date: null, metadata: null });
    expect(lines.find((line) => line.table === 'perfmet_job' && line.failures === 2)).toEqual({
      table: 'perfmet_job',
      data_source: 'GRIDSMART',
      stage: 'Standardize',
      seconds: 0.25,
      records: 0,
      failures: 2,
      processing_date: '2020-10-02T08:00:00.000Z',
      collection_start: null,
      collection_end: null,
    });
    expect(lines.find((line) => line.sensor_name === 'Lamar_38th')).toMatchObject({
      timestamp_min: '2019-06-01 00:00:05.250000-05:00',
      timestamp_max: '2019-06-01 23:59:58-05:00',
    });
  });

  it('writes metadata keys sorted, so every driver exports the same text (jsonb keeps no key order)', async () => {
    const line = (await exportLines(source.lake)).find((text) => text.includes('unit_data.json'));
    expect(line).toContain('"metadata":{"devices":3,"nested":{"ids":[1,null,"x"],"ok":true},"note":"snapshot \\"A\\""}');
  });

  it('round-trips: export, import into a fresh lake, export again gives identical lines', async () => {
    const first = await exportLines(source.lake);
    const result = await importCatalog(target.lake, Readable.from(first.map((line) => `${line}\n`)));
    expect(result).toMatchObject({ catalog: 5, perfmetJobs: 2, perfmetJobsSkipped: 0, perfmetObservations: 3, errorCount: 0 });
    expect(await exportLines(target.lake)).toEqual(first);
  });

  it('round-trips through files, leaving no temp file behind', async () => {
    const file = path.join(source.dir('backup'), 'catalog.jsonl');
    const counts = await exportCatalogToFile(source.lake, file);
    expect(counts).toEqual({ catalog: 5, perfmet_job: 2, perfmet_obs: 3 });
    expect(fs.readdirSync(path.dirname(file))).toEqual(['catalog.jsonl']);
    await importCatalogFile(target.lake, file);
    const again = path.join(target.dir('backup'), 'again.jsonl');
    await exportCatalogToFile(target.lake, again);
    expect(fs.readFileSync(again, 'utf8')).toBe(fs.readFileSync(file, 'utf8'));
  });

  it('leaves no file when the export fails', async () => {
    const file = path.join(source.dir('backup'), 'catalog.jsonl');
    jest.spyOn(await source.lake.perfmetDriver(), 'readJobs').mockImplementation(async function* () {
      throw new Error('perfmet went away');
    });
    await expect(exportCatalogToFile(source.lake, file)).rejects.toThrow('perfmet went away');
    expect(fs.readdirSync(path.dirname(file))).toEqual([]);
  });

  it('limits catalog rows to --repository and every table to --data-source', async () => {
    const ready = parsed(await exportLines(source.lake, { repository: 'atd-datalake-ready' }));
    expect(ready.filter((line) => line.table === 'catalog').map((line) => line.id_ext)).toEqual(['unit_data.json']);
    expect(ready.filter((line) => String(line.table).startsWith('perfmet'))).toHaveLength(5); // perfmet rows have no repository

    const gs = parsed(await exportLines(source.lake, { dataSource: 'gs' }));
    expect(gs[0].filters).toEqual({ data_source: 'gs', repository: null });
    expect(gs.slice(1).map((line) => `${line.table} ${line.data_source}`)).toEqual(['catalog gs', 'perfmet_job GRIDSMART', 'perfmet_obs GRIDSMART', 'perfmet_obs GRIDSMART']);
  });

  it('exports only the tables asked for', async () => {
    const lines = parsed(await exportLines(source.lake, { tables: ['perfmet_job'] }));
    expect(lines.map((line) => line.table ?? 'header')).toEqual(['header', 'perfmet_job', 'perfmet_job']);
  });

  it('waits for a slow reader: one line at a time beyond the high-water mark, never the whole table', async () => {
    const lines: string[] = [];
    let maxBuffered = 0;
    const output = new Writable({
      highWaterMark: 16,
      write(chunk: Buffer, _encoding, done) {
        maxBuffered = Math.max(maxBuffered, output.writableLength);
        lines.push(chunk.toString());
        setTimeout(done, 1);
      },
    });
    const counts = await exportCatalog(source.lake, output);
    expect(counts.catalog).toBe(5);
    expect(lines).toHaveLength(11);
    expect(maxBuffered).toBeLessThanOrEqual(Math.max(...lines.map((line) => Buffer.byteLength(line))));
  });
});
