// "Stop anywhere, rerun, nothing is lost or duplicated" for the GRIDSMART stages, on the sample
// data `lake demo` ships (three intersections, three days around the 2019 fall-back, imported
// with `gs insert --sourcedir`). An uninterrupted run of every stage is the reference: after each
// stage the whole lake is recorded (files, catalog rows, perfmet observations, published rows).
// Then each stage is started again from the lake as it stood before it, SIGKILLed at one of
// several moments spread over its work, and rerun; the lake must then equal the reference exactly,
// with no unfinished write or temp dir left (KillMatrix).
//
// Kill moments are fractions of the stage's own work (banner to exit) measured in the reference
// run; the CLI's start-up (about a second of loading plugins) is not counted, so the kills land
// while the stage reads, writes, catalogs and publishes. Which state each kill caught is logged;
// no assertion depends on it.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gridsmartSample } from '@lake/source-gridsmart';
import { KillMatrix } from './test-support/kill-rerun';
import { copyLake } from './test-support/lake-state';

// 24 kills and reruns of about 2.5 s each, two at a time; generous for a loaded machine.
jest.setTimeout(600_000);

const STAGES = ['standard', 'ready', 'ready-agg', 'publish'];
/** Kill moments per stage, as fractions of the stage's measured work. */
const FRACTIONS = [0, 0.15, 0.3, 0.45, 0.6, 0.75];

describe('lake: a GRIDSMART stage killed at many points, then rerun', () => {
  let root: string;
  let matrix: KillMatrix;

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'lake-gs-kill-'));
    const seeded = await gridsmartSample.seed(path.join(root, 'sample'));
    const archive = (seeded.stageOptions as Record<string, { sourcedir: string }>)['gs:insert'].sourcedir;
    const range = ['-s', seeded.startDate, '-e', seeded.endDate];
    // Where each stage writes (its unfinished writes are looked for there) and what it catalogs.
    matrix = new KillMatrix(root, [
      { name: 'insert', args: ['gs', 'insert', '--sourcedir', archive, ...range], folder: 'atd-datalake-raw', repository: 'atd-datalake-raw' },
      { name: 'standard', args: ['gs', 'standard', ...range], folder: 'atd-datalake-rawjson', repository: 'atd-datalake-rawjson' },
      { name: 'ready', args: ['gs', 'ready', ...range], folder: 'atd-datalake-ready', repository: 'atd-datalake-ready' },
      { name: 'ready-agg', args: ['gs', 'ready-agg', ...range], folder: 'atd-datalake-ready', repository: 'atd-datalake-ready' },
      { name: 'publish', args: ['gs', 'publish', ...range], folder: 'publish', repository: 'socrata' },
    ]);
    await matrix.runReference((home) => copyLake(path.join(root, 'sample', 'unit-data'), path.join(home, 'unit-data')));
  });

  afterAll(() => {
    if (matrix?.reports.length) console.info(matrix.summary('GRIDSMART kills'));
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('the reference run produced every layer', () => {
    const state = matrix.reference('publish');
    for (const repository of ['atd-datalake-raw', 'atd-datalake-rawjson', 'atd-datalake-ready']) {
      const files = Object.keys(state.files).filter((name) => name.startsWith(`${repository}/`));
      expect({ repository, enough: files.length > 5 }).toEqual({ repository, enough: true });
    }
    expect(state.published['sh59-i6y9.csv'].length).toBeGreaterThan(1000);
    expect(state.observations.length).toBeGreaterThan(0);
  });

  it.each(STAGES)('gs %s: killed at 6 points of its work and rerun, the lake equals the uninterrupted run', async (stage) => {
    const reports = await matrix.kill(stage, FRACTIONS.map((fraction) => ({ fraction })));
    expect(reports).toHaveLength(FRACTIONS.length);
  });
});
