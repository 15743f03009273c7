// "Stop anywhere, rerun, nothing is lost or duplicated" for the GRIDSMART stages, on the sample
// data `lake demo` ships (three intersections, three days around the 2019 fall-back, imported
// with `gs insert --sourcedir`). An uninterrupted run of every stage is the reference: after each
// stage the whole lake is recorded (files, catalog rows, perfmet observations, published rows).
// Then each stage is started again from the lake as it stood before it, SIGKILLed at one of
// several moments spread over its work, and rerun; the lake must then equal the reference exactly,
// with no unfinished write or temp dir left.
//
// Kill moments are fractions of the stage's own work (banner to exit) measured in the reference
// run; the CLI's start-up (about a second of loading plugins) is not counted, so the kills land
// while the stage reads, writes, catalogs and publishes. Which state each kill caught is logged;
// no assertion depends on it.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gridsmartSample } from '@lake/source-gridsmart';
import { afterStageStart, expectNoUnfinishedWrite, killThenRerun, timeUninterruptedRun, type StageTiming } from './test-support/kill-rerun';
import { LakeSandbox } from './test-support/lake-cli';
import { LakeProbe, tempFilesUnder } from './test-support/lake-probe';
import { copyLake, lakeState, type LakeState } from './test-support/lake-state';
import { runLake } from './test-support/prod-lake-run';

// 24 kills and reruns of about 2.5 s each, two at a time; generous for a loaded machine.
jest.setTimeout(600_000);

type GsStage = 'standard' | 'ready' | 'ready-agg' | 'publish';
const STAGES: GsStage[] = ['standard', 'ready', 'ready-agg', 'publish'];
/** Where each stage writes (its unfinished writes are looked for there) and what it catalogs. */
const TARGET: Record<GsStage, { folder: string; repository: string }> = {
  standard: { folder: 'atd-datalake-rawjson', repository: 'atd-datalake-rawjson' },
  ready: { folder: 'atd-datalake-ready', repository: 'atd-datalake-ready' },
  'ready-agg': { folder: 'atd-datalake-ready', repository: 'atd-datalake-ready' },
  publish: { folder: 'publish', repository: 'socrata' },
};
/** Kill moments per stage, as fractions of the stage's measured work. */
const FRACTIONS = [0, 0.15, 0.3, 0.45, 0.6, 0.75];
/** Kills running at once: two cores. */
const LANES = 2;

interface KillPoint {
  stage: GsStage;
  fraction: number;
}

interface KillReport extends KillPoint {
  delayMs: number;
  outcome: string;
  /** Target catalog rows at the kill / in the reference. */
  rows: string;
  leftByKill: number;
}

describe('lake: a GRIDSMART stage killed at many points, then rerun', () => {
  let root: string;
  let archive: string;
  let unitData: string;
  let range: string[];
  /** The lake after each stage of the uninterrupted run (`insert` included), kept as copies. */
  const afterStage: Record<string, string> = {};
  const reference: Partial<Record<GsStage, LakeState>> = {};
  const timing: Partial<Record<GsStage, StageTiming>> = {};
  const reports: KillReport[] = [];

  const stageArgs = (stage: GsStage | 'insert'): string[] => (stage === 'insert' ? ['gs', 'insert', '--sourcedir', archive, ...range] : ['gs', stage, ...range]);
  const previous = (stage: GsStage): string => (stage === 'standard' ? 'insert' : STAGES[STAGES.indexOf(stage) - 1]);
  /** A sandbox with a temp dir of its own, so what killed runs leave there can be checked. */
  const openSandbox = () => {
    const tmp = mkdtempSync(path.join(root, 'tmp-'));
    const sandbox = new LakeSandbox({ TMPDIR: tmp });
    return { sandbox, tmp, discard: () => [sandbox.root, tmp].forEach((dir) => rmSync(dir, { recursive: true, force: true })) };
  };

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'lake-gs-kill-'));
    const seeded = await gridsmartSample.seed(path.join(root, 'sample'));
    archive = (seeded.stageOptions as Record<string, { sourcedir: string }>)['gs:insert'].sourcedir;
    unitData = path.join(root, 'sample', 'unit-data');
    range = ['-s', seeded.startDate, '-e', seeded.endDate];

    // The reference: every stage uninterrupted, the lake copied after each.
    const { sandbox, discard } = openSandbox();
    try {
      copyLake(unitData, path.join(sandbox.home, 'unit-data'));
      const insert = await runLake(sandbox, stageArgs('insert'));
      if (insert.status !== 0) throw new Error(`lake gs insert exited ${insert.status}:\n${insert.stderr}`);
      afterStage.insert = path.join(root, 'after-insert');
      copyLake(sandbox.home, afterStage.insert);
      for (const stage of STAGES) {
        timing[stage] = await timeUninterruptedRun(sandbox, stageArgs(stage));
        afterStage[stage] = path.join(root, `after-${stage}`);
        copyLake(sandbox.home, afterStage[stage]);
        reference[stage] = lakeState(sandbox.home);
      }
    } finally {
      discard();
    }
  });

  afterAll(() => {
    if (reports.length > 0) {
      const lines = reports.map((report) => `${report.stage.padEnd(9)} ${report.fraction.toFixed(3)} +${String(report.delayMs).padStart(4)} ms  ${report.outcome.padEnd(8)} rows ${report.rows.padEnd(7)} writes in flight ${report.leftByKill}`);
      const timings = STAGES.map((stage) => `${stage} ${timing[stage]?.workMs} ms`).join(', ');
      console.info(`GRIDSMART kills (work of the uninterrupted run: ${timings}):\n${lines.join('\n')}`);
    }
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('the reference run produced every layer', () => {
    const state = reference.publish as LakeState;
    for (const repository of ['atd-datalake-raw', 'atd-datalake-rawjson', 'atd-datalake-ready']) {
      const files = Object.keys(state.files).filter((name) => name.startsWith(`${repository}/`));
      expect({ repository, enough: files.length > 5 }).toEqual({ repository, enough: true });
    }
    expect(state.published['sh59-i6y9.csv'].length).toBeGreaterThan(1000);
    expect(state.observations.length).toBeGreaterThan(0);
  });

  /** Kill at one point, rerun, compare with the reference. */
  async function killAndCompare(point: KillPoint): Promise<void> {
    const { stage, fraction } = point;
    const { sandbox, tmp, discard } = openSandbox();
    try {
      copyLake(afterStage[previous(stage)], sandbox.home);
      const probe = new LakeProbe(sandbox.home);
      const target = path.join(sandbox.home, TARGET[stage].folder);
      const delayMs = Math.round(fraction * (timing[stage] as StageTiming).workMs);
      const countRows = () => probe.catalog(TARGET[stage].repository).length;
      try {
        const result = await killThenRerun(sandbox, stageArgs(stage), { watch: afterStageStart(delayMs), target, atKill: countRows });
        const all = (reference[stage] as LakeState).catalog.filter((row) => row.includes(`"repository":"${TARGET[stage].repository}"`)).length;
        reports.push({ ...point, delayMs, outcome: result.outcome, rows: `${result.seen}/${all}`, leftByKill: result.leftByKill.length });

        expect({ stage, fraction, state: lakeState(sandbox.home) }).toEqual({ stage, fraction, state: reference[stage] });
        expectNoUnfinishedWrite(target, result.leftByKill);
        // The rerun swept the killed run's temp dir and removed its own.
        expect({ stage, fraction, tmp: readdirSync(tmp) }).toEqual({ stage, fraction, tmp: [] });
        expect(tempFilesUnder(sandbox.home)).toEqual([]);
      } finally {
        probe.close();
      }
    } finally {
      discard();
    }
  }

  it.each(STAGES)('gs %s: killed at 6 points of its work and rerun, the lake equals the uninterrupted run', async (stage) => {
    const points = FRACTIONS.map((fraction) => ({ stage, fraction }));
    const queue = [...points];
    // Every lane ends before the test does (a failure in one must not leave the other running).
    const lanes = await Promise.allSettled(
      Array.from({ length: LANES }, async () => {
        for (let point = queue.shift(); point; point = queue.shift()) await killAndCompare(point);
      }),
    );
    for (const lane of lanes) if (lane.status === 'rejected') throw lane.reason;
    expect(reports.filter((report) => report.stage === stage)).toHaveLength(points.length);
  });
});
