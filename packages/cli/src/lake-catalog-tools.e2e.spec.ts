// `lake catalog export`, `import` and `verify` through bin/run.js, on a lake the Bluetooth insert
// stage filled from a tiny AWAM share (three files a day for three days).
import { appendFileSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { CatalogImportResult, CatalogVerification } from '@lake/core';
import { AWAM_RANGE, btPointer, writeAwamShare } from './test-support/awam-share';
import { LakeSandbox } from './test-support/lake-cli';

// Each test spawns `lake` a few times (each run bounded at 60 s by LakeSandbox).
jest.setTimeout(180_000);

/** The lines of an export after its header (which holds the export time). */
const rowsOf = (text: string) => text.trim().split('\n').slice(1);

describe('lake catalog tools', () => {
  let sandbox: LakeSandbox;
  let restored: LakeSandbox;

  beforeEach(() => {
    sandbox = new LakeSandbox();
    restored = new LakeSandbox();
    const run = sandbox.lake('bt:insert', '-d', writeAwamShare(sandbox.path('awam')), ...AWAM_RANGE);
    expect(run.status).toBe(0);
  });

  afterEach(() => {
    sandbox.remove();
    restored.remove();
  });

  it('export → import into a fresh lake → export gives the same rows', () => {
    const backup = sandbox.path('backup.jsonl');
    const exported = sandbox.lake('catalog', 'export', backup);
    expect(exported.status).toBe(0);
    expect(exported.stderr).toContain('exported 9 catalog row(s), 1 perfmet job(s), 0 observation(s)');
    const lines = readFileSync(backup, 'utf8').trim().split('\n');
    expect(JSON.parse(lines[0])).toMatchObject({ format: 'lake-catalog-export', version: 1 });
    expect(lines.slice(1).map((line) => JSON.parse(line).table)).toEqual([...Array(9).fill('catalog'), 'perfmet_job']);

    const result = restored.json<CatalogImportResult>('catalog', 'import', backup);
    expect(result).toMatchObject({ catalog: 9, perfmetJobs: 1, perfmetJobsSkipped: 0, errorCount: 0, errors: [] });
    const again = restored.path('again.jsonl');
    expect(restored.lake('catalog', 'export', again).status).toBe(0);
    expect(rowsOf(readFileSync(again, 'utf8'))).toEqual(lines.slice(1));
    expect(restored.json<unknown[]>('catalog', 'list')).toEqual(sandbox.json<unknown[]>('catalog', 'list'));
  });

  it('- streams the export to stdout and the import from stdin; a second import adds nothing', () => {
    const exported = sandbox.lake('catalog', 'export', '-', '--data-source', 'bt');
    expect(exported.status).toBe(0);
    expect(rowsOf(exported.stdout)).toHaveLength(10);

    const first = restored.lakeWithInput(exported.stdout, 'catalog', 'import', '-');
    expect(first.status).toBe(0);
    expect(first.stdout).toContain('imported 9 catalog row(s), 1 perfmet job(s) (0 already stored)');
    const second = restored.lakeWithInput(exported.stdout, 'catalog', 'import', '-', '--json');
    expect(second.status).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ catalog: 9, perfmetJobs: 0, perfmetJobsSkipped: 1 });
    expect(restored.json<unknown[]>('catalog', 'list')).toHaveLength(9);
    expect(restored.json<unknown[]>('perfmet', 'jobs')).toHaveLength(1);
  });

  it('reports a malformed line by number, imports the others and exits 1', () => {
    const backup = sandbox.path('backup.jsonl');
    expect(sandbox.lake('catalog', 'export', backup, '--table', 'catalog').status).toBe(0);
    const [header, ...rows] = readFileSync(backup, 'utf8').trim().split('\n');
    writeFileSync(backup, [header, rows[0], '{"table": "catalog"', ...rows.slice(1)].join('\n'));

    const run = restored.lake('catalog', 'import', backup);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Error: line 3: not JSON');
    expect(run.stdout).toContain('imported 9 catalog row(s)');
    expect(run.stdout).toContain('1 line(s) could not be imported');
  });

  it('refuses a file that is not an export, with exit code 2', () => {
    const file = sandbox.path('not-an-export.jsonl');
    writeFileSync(file, '{"hello": "world"}\n');
    const run = restored.lake('catalog', 'import', file);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Error (INVALID_CATALOG_EXPORT): not a lake catalog export: line 1 is not a header');
  });

  it('verify passes on a consistent lake, then names a row without file and a file without row', () => {
    expect(sandbox.json<CatalogVerification>('catalog', 'verify')).toMatchObject({ ok: true, skipped: [{ repository: 'socrata' }] });

    const raw = path.join(sandbox.home, 'atd-datalake-raw');
    const missing = btPointer('2019-06-02', 'matched.txt');
    rmSync(path.join(raw, missing));
    const stray = '2019/06/04/bt/Austin_bt_2019-06-04_matched.txt';
    mkdirSync(path.dirname(path.join(raw, stray)), { recursive: true });
    appendFileSync(path.join(raw, stray), 'stray');

    const run = sandbox.lake('catalog', 'verify', '--purpose', 'raw');
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('atd-datalake-raw: 9 row(s), 9 file(s) — MISMATCH');
    expect(run.stdout).toContain(`1 row(s) without a file:`);
    expect(run.stdout).toContain(`→ ${missing}`);
    expect(run.stdout).toContain(`1 file(s) without a row:`);
    expect(run.stdout).toContain(stray);

    const json = sandbox.lake('catalog', 'verify', '--json');
    expect(json.status).toBe(1);
    const result = JSON.parse(json.stdout) as CatalogVerification;
    expect(result.ok).toBe(false);
    expect(result.repositories.find((checked) => checked.repository === 'atd-datalake-raw')).toMatchObject({
      rowsWithoutFile: [expect.objectContaining({ pointer: missing })],
      filesWithoutRow: [stray],
    });
  });
});
