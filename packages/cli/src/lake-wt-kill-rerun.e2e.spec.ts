// "Stop anywhere, rerun, nothing is lost or duplicated" for the Wavetronix stages, on the sample
// data `lake demo` ships (three days around the 2019 fall-back from four intersections, one of
// them without a radar). As in the demo, `wt insert` imports the exported day CSVs with
// `--sourcedir`: the KITS database double is an in-process `mssql` stand-in, which a spawned CLI
// cannot use. Every stage, insert included, is run uninterrupted as the reference, then killed at
// several moments (fractions of its measured work, and states of the lake) and rerun; the lake
// must then equal the reference exactly: files (processing dates blanked), catalog rows, perfmet
// observations, published rows, no temp file left (KillMatrix). Which state each kill caught is
// logged; no assertion depends on it.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { wavetronixSample } from '@lake/device-wavetronix';
import { HALF_WAY_WRITING, HOLDING_PUBLISH_LOCK, KillMatrix, SENT_NOT_CATALOGED, type KillMoment } from './test-support/kill-rerun';
import { copyLake } from './test-support/lake-state';

// 19 kills and reruns of about 3 s each, two at a time; generous for a loaded machine.
jest.setTimeout(300_000);

/**
 * Kill moments per stage: fractions of the stage's measured work, and the sharpest states the
 * lake shows while it runs (half-way with a write in flight; for publish, rows in the dataset
 * whose file is not cataloged yet, and a dataset's lock held). Insert copies three small files:
 * there is little to catch.
 */
const fractions = (...values: number[]): KillMoment[] => values.map((fraction) => ({ fraction }));
const MOMENTS: Record<string, KillMoment[]> = {
  insert: [...fractions(0, 0.5), HALF_WAY_WRITING],
  standard: [...fractions(0, 0.2, 0.4, 0.6), HALF_WAY_WRITING],
  ready: [...fractions(0, 0.2, 0.4, 0.6), HALF_WAY_WRITING],
  // publish sends its first rows late in its measured work: its fractions reach further.
  publish: [...fractions(0, 0.25, 0.5, 0.75), SENT_NOT_CATALOGED, HOLDING_PUBLISH_LOCK],
};

describe('lake: a Wavetronix stage killed at many points, then rerun', () => {
  let root: string;
  let matrix: KillMatrix;

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'lake-wt-kill-'));
    const seeded = await wavetronixSample.seed(path.join(root, 'sample'));
    const sourcedir = (seeded.stageOptions as Record<string, { sourcedir: string }>)['wt:insert'].sourcedir;
    const range = ['-s', seeded.startDate, '-e', seeded.endDate];
    matrix = new KillMatrix(root, [
      { name: 'insert', args: ['wt', 'insert', '--sourcedir', sourcedir, ...range], folder: 'atd-datalake-raw', repository: 'atd-datalake-raw' },
      { name: 'standard', args: ['wt', 'standard', ...range], folder: 'atd-datalake-rawjson', repository: 'atd-datalake-rawjson' },
      { name: 'ready', args: ['wt', 'ready', ...range], folder: 'atd-datalake-ready', repository: 'atd-datalake-ready' },
      { name: 'publish', args: ['wt', 'publish', ...range], folder: 'publish', repository: 'socrata' },
    ]);
    // The sample's unit-data file where the embedded default looks for it ($LAKE_HOME/unit-data).
    await matrix.runReference((home) => copyLake(path.join(root, 'sample', 'unit-data'), path.join(home, 'unit-data')));
  });

  afterAll(() => {
    if (matrix?.reports.length) console.info(matrix.summary('Wavetronix kills'));
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('the reference run produced every layer', () => {
    const state = matrix.reference('publish');
    const days = ['2019/11/02', '2019/11/03', '2019/11/04'];
    for (const repository of ['atd-datalake-raw', 'atd-datalake-rawjson', 'atd-datalake-ready']) {
      const files = Object.keys(state.files).filter((name) => name.startsWith(`${repository}/2019/`));
      expect({ repository, days: files.map((name) => name.slice(repository.length + 1, repository.length + 11)).sort() }).toEqual({ repository, days });
    }
    // Three days of 96 quarter hours (100 on the fall-back day) of the 12 detectors with a radar.
    expect(state.published['i626-g7ub.csv'].filter((row) => row !== '')).toHaveLength(1 + 3 * 12 * 96 + 12 * 4);
    expect(state.observations.length).toBeGreaterThan(0);
  });

  it.each(Object.keys(MOMENTS))('wt %s: killed at several points of its work and rerun, the lake equals the uninterrupted run', async (stage) => {
    const reports = await matrix.kill(stage, MOMENTS[stage]);
    expect(reports).toHaveLength(MOMENTS[stage].length);
  });
});
