// `--concurrency N` (here through the config's `concurrency`) changes how fast a run goes, never
// what it writes: the demo pipeline of every shipped source, run with 4 items at once, leaves the
// same files, catalog rows and published rows as a run that takes one item at a time.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { LakeSandbox } from './test-support/lake-cli';

jest.setTimeout(240_000);

/** "Now" differs between the two runs: processing dates are the only text allowed to differ. */
const NOW_TEXT = /\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[+-]\d{2}:\d{2}|Z)?/g;

interface CatalogRow {
  repository: string;
  data_source: string;
  id_base: string;
  id_ext: string;
  pointer: string;
  collection_date: string;
  collection_end: string | null;
}

/** Every file of the lake under the home, with this year's timestamps (processing dates) as NOW. */
function lakeFiles(home: string): Map<string, string> {
  const thisYear = String(new Date().getFullYear());
  const files = new Map<string, string>();
  for (const entry of readdirSync(home, { recursive: true, withFileTypes: true })) {
    // The catalog database, and the demo's health report (it shows each run's seconds).
    if (!entry.isFile() || /\.sqlite|\.lock$|^perfmet-report\.html$/.test(entry.name)) continue;
    const full = path.join(entry.parentPath, entry.name);
    const key = path.relative(home, full).split(path.sep).join('/');
    const text = readFileSync(full, 'utf8').replace(NOW_TEXT, (found) => (found.startsWith(thisYear) ? 'NOW' : found));
    files.set(key, key.startsWith('publish/') ? datasetRows(text) : text);
  }
  return files;
}

/** A published dataset is a set of rows: items published at once append in any order. */
function datasetRows(csv: string): string {
  const [header, ...rows] = csv.split(/\r?\n/).filter((line) => line !== '');
  return [header, ...rows.sort()].join('\n');
}

function catalogRows(lake: LakeSandbox): string[] {
  return lake
    .json<CatalogRow[]>('catalog', 'list', '-s', '2000-01-01')
    .map((row) => [row.repository, row.data_source, row.id_base, row.id_ext, row.pointer, row.collection_date, row.collection_end].join(' | '))
    .sort();
}

describe('lake stages with --concurrency', () => {
  const sequential = new LakeSandbox();
  const parallel = new LakeSandbox();
  afterAll(() => {
    sequential.remove();
    parallel.remove();
  });

  it('leave the same lake as one item at a time', () => {
    const config = parallel.path('cwd', 'lake.config.json');
    writeFileSync(config, JSON.stringify({ concurrency: 4 }));
    const one = sequential.lake('demo');
    const four = parallel.lake('demo');
    expect(one.status).toBe(0);
    expect(four.status).toBe(0);
    expect(four.text).toContain('Processing up to 4 items of a date at once');

    const oneFiles = lakeFiles(sequential.home);
    const fourFiles = lakeFiles(parallel.home);
    expect([...fourFiles.keys()].sort()).toEqual([...oneFiles.keys()].sort());
    const different = [...oneFiles].filter(([key, text]) => fourFiles.get(key) !== text).map(([key]) => key);
    expect(different).toEqual([]);
    expect(oneFiles.size).toBeGreaterThan(100);
    expect(catalogRows(parallel)).toEqual(catalogRows(sequential));
  });

  it('takes --concurrency on a stage command', () => {
    const run = parallel.lake('gs', 'standard', '-r', '0', '-F', '--concurrency', '3');
    expect(run.status).toBe(0);
    expect(run.text).toContain('Processing up to 3 items of a date at once');
    // Not a terminal: plain log lines, no progress line redrawn with escape codes.
    expect(run.stderr).not.toMatch(/\r|\x1b\[/);
    expect(run.stderr).toMatch(/^Records processed: 5208$/m);
    const refused = parallel.lake('gs', 'standard', '-r', '0', '--concurrency', '0');
    expect(refused.status).not.toBe(0);
    expect(refused.text).toMatch(/concurrency/i);
  });
});
