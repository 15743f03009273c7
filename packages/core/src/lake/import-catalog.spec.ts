// `lake catalog import`: batches, idempotence, and a malformed line reported by number while the
// other lines go in.
import { PassThrough, Readable } from 'node:stream';
import { catalogToolsFixtures, seedCatalogTools } from '@lake/testing';
import { TestLake } from '../test-support/test-lake';
import { InvalidCatalogExport } from './catalog-export-format';
import { exportCatalog } from './export-catalog';
import { importCatalog, importCatalogFile, type CatalogImportLineError } from './import-catalog';
import type { Lake } from './lake';

const HEADER = JSON.stringify({ format: 'lake-catalog-export', version: 1, exported_at: '2019-06-10T17:00:00.000Z', time_zone: 'America/Chicago', tables: [], filters: {} });

function catalogRow(day: string, more: Record<string, unknown> = {}): string {
  return JSON.stringify({
    table: 'catalog',
    repository: 'atd-datalake-raw',
    data_source: 'bt',
    id_base: 'Austin',
    id_ext: 'csv',
    pointer: `${day.replace(/-/g, '/')}/bt/Austin_bt_${day}.csv`,
    collection_date: `${day}T05:00:00.000Z`,
    collection_end: null,
    processing_date: null,
    metadata: null,
    ...more,
  });
}

const importText = (lake: Lake, text: string, options = {}) => importCatalog(lake, Readable.from([Buffer.from(text)]), options);

async function exportText(lake: Lake): Promise<string> {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  await exportCatalog(lake, output);
  return Buffer.concat(chunks).toString();
}

describe('importCatalog', () => {
  let test: TestLake;

  beforeEach(() => {
    test = new TestLake();
  });
  afterEach(() => test.dispose());

  it('reports a malformed line by its number and imports the other lines', async () => {
    const told: CatalogImportLineError[] = [];
    const text = [
      HEADER,
      catalogRow('2019-06-01'),
      '{"table": "catalog", ',
      JSON.stringify({ table: 'catalogue' }),
      catalogRow('2019-06-02', { colection_end: null }),
      catalogRow('2019-06-03', { collection_date: 'June 3rd' }),
      catalogRow('2019-06-04', { id_base: '' }),
      '[1, 2]',
      catalogRow('2019-06-05'),
      '',
    ].join('\n');
    const result = await importText(test.lake, text, { onLineError: (error: CatalogImportLineError) => told.push(error) });
    expect(result.catalog).toBe(2);
    expect(result.errorCount).toBe(6);
    expect(result.errors.map((error) => error.line)).toEqual([3, 4, 5, 6, 7, 8]);
    expect(result.errors.map((error) => error.message)).toEqual([
      expect.stringMatching(/^line 3: not JSON/),
      'line 4: "table" must be one of catalog, perfmet_job, perfmet_obs, got "catalogue"',
      'line 5: unknown field(s) colection_end for table catalog',
      'line 6: "collection_date" is not a timestamp: "June 3rd"',
      'line 7: "id_base" must be non-empty text',
      'line 8: not a JSON object',
    ]);
    expect(told).toEqual(result.errors);
    expect(await test.catalogDays('atd-datalake-raw')).toEqual(['csv 2019-06-01', 'csv 2019-06-05']);
  });

  it('skips blank lines and reads Windows line ends and a byte-order mark', async () => {
    const result = await importText(test.lake, `\uFEFF${HEADER}\r\n\r\n${catalogRow('2019-06-01')}\r\n${catalogRow('2019-06-02')}`);
    expect(result).toMatchObject({ catalog: 2, errorCount: 0 });
  });

  it('reads lines split across chunks, multi-byte characters included', async () => {
    const text = `${HEADER}\n${catalogRow('2019-06-01', { id_base: 'Lamar & 38th½' })}\n`;
    const bytes = Buffer.from(text);
    const chunks = Array.from({ length: bytes.length }, (_, index) => bytes.subarray(index, index + 1));
    const result = await importCatalog(test.lake, Readable.from(chunks));
    expect(result.catalog).toBe(1);
    expect((await test.catalogRows())[0].base).toBe('Lamar & 38th½');
  });

  it('refuses a file without a header or of another version, importing nothing', async () => {
    await expect(importText(test.lake, `${catalogRow('2019-06-01')}\n`)).rejects.toThrow(
      new InvalidCatalogExport('line 1 is not a header: it has no "format":"lake-catalog-export"'),
    );
    await expect(importText(test.lake, `\n${HEADER.replace('"version":1', '"version":2')}\n`)).rejects.toThrow(
      'line 2: version 2 is not supported (this lake reads version 1)',
    );
    await expect(importText(test.lake, '')).rejects.toMatchObject({ code: 'INVALID_CATALOG_EXPORT', exitCode: 2 });
    expect(await test.catalogRows()).toEqual([]);
  });

  it('names a file it cannot open, with exit code 2', async () => {
    await expect(importCatalogFile(test.lake, `${test.home}/missing.jsonl`)).rejects.toMatchObject({ code: 'CATALOG_FILE_UNAVAILABLE', exitCode: 2 });
  });

  it('writes catalog rows and observations in batches', async () => {
    const upsert = jest.spyOn((await test.lake.catalog()).driver, 'upsert');
    const rows = ['01', '02', '03', '04', '05'].map((day) => catalogRow(`2019-06-${day}`));
    await importText(test.lake, [HEADER, ...rows].join('\n'), { batchSize: 2 });
    expect(upsert.mock.calls.map(([batch]) => batch.length)).toEqual([2, 2, 1]);
  });

  describe('importing the same file twice', () => {
    it('adds nothing: rows and observations upsert on their keys, stored jobs are skipped', async () => {
      const source = new TestLake();
      try {
        await seedCatalogTools({ catalog: await source.lake.catalogDriver(), perfmet: await source.lake.perfmetDriver() }, catalogToolsFixtures(source.lake.time));
        const exported = await exportText(source.lake);

        const first = await importText(test.lake, exported);
        expect(first).toMatchObject({ catalog: 5, perfmetJobs: 2, perfmetJobsSkipped: 0, perfmetObservations: 2 });
        const afterFirst = await exportText(test.lake);

        const second = await importText(test.lake, exported);
        expect(second).toMatchObject({ perfmetJobs: 0, perfmetJobsSkipped: 2, errorCount: 0 });
        expect(await exportText(test.lake)).toBe(afterFirst);
        expect(await test.perfmetJobs()).toHaveLength(2);
      } finally {
        await source.dispose();
      }
    });

    it('skips a job repeated within one file', async () => {
      const job = JSON.stringify({
        table: 'perfmet_job',
        data_source: 'Bluetooth',
        stage: 'Ingest',
        seconds: 1,
        records: 2,
        failures: 0,
        processing_date: '2019-06-02T06:00:00.512Z',
        collection_start: null,
        collection_end: null,
      });
      const result = await importText(test.lake, [HEADER, job, job].join('\n'));
      expect(result).toMatchObject({ perfmetJobs: 1, perfmetJobsSkipped: 1 });
    });
  });
});
