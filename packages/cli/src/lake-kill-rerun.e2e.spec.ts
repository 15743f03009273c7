// "Stop anywhere, rerun, nothing is lost or duplicated", for each Bluetooth stage: the stage is
// started on a share big enough to take a while, SIGKILLed once the lake shows it half-way
// (some items done, not all), then run again over the same window. After the rerun every
// expected catalog row exists exactly once and points at a complete file, no unfinished write is
// left behind, and every source row is in its public dataset exactly once.
//
// When a run finishes before the kill could land (a much faster machine), the rerun and all the
// checks still run and a note says the kill was missed: the input is sized so that does not
// happen here, but no assertion depends on timing.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type AwamFileType, awamFileName, consecutiveDays, rowsPerDay, writeBulkAwamShare } from './test-support/awam-bulk-share';
import { btPointer, writeUnitData } from './test-support/awam-share';
import { LakeSandbox } from './test-support/lake-cli';
import { expectNoUnfinishedWrite, killThenRerun, writingIn } from './test-support/kill-rerun';
import { GrowingFileLines, LakeProbe } from './test-support/lake-probe';

// Each test runs a stage up to three times on ~10^5-10^6 rows; a slow machine must not fail it.
jest.setTimeout(600_000);

const TYPES: AwamFileType[] = ['unmatched', 'matched', 'traf_match_summary'];
const DATASETS: Record<AwamFileType, string> = { unmatched: 'qnpj-zrb9', matched: 'x44q-icha', traf_match_summary: 'v7zg-5jg9' };
const SIZE = { unmatched: 30_000, matched: 8_000 };
const ROWS = rowsPerDay(SIZE);

/** bt:insert copies files, which is quick: it gets a month (~100 MB) to be caught half-way. */
const INSERT_DAYS = consecutiveDays('2019-06-01', 30);
const INSERT_RANGE = ['-s', '2019-06-01', '-e', '2019-07-01'];
/** The later stages parse every row: a week and a day of it is plenty. */
const WINDOW_DAYS = INSERT_DAYS.slice(0, 8);
const WINDOW_RANGE = ['-s', '2019-06-01', '-e', '2019-06-09'];

const REPOSITORIES = { raw: 'atd-datalake-raw', standardized: 'atd-datalake-rawjson', ready: 'atd-datalake-ready', public: 'socrata' };
const RAW_EXTS = TYPES.map((type) => `${type}.txt`);
const JSON_EXTS = TYPES.map((type) => `${type}.json`);

type StageName = 'insert' | 'standard' | 'ready' | 'publish';
const STAGE_ORDER: StageName[] = ['insert', 'standard', 'ready', 'publish'];

describe('lake: a Bluetooth stage killed mid-run, then rerun', () => {
  let sandbox: LakeSandbox;
  let tmpdir: string;
  let probe: LakeProbe;
  let share: string;
  /** Stages already run to completion over the window in this sandbox. */
  const completed = new Set<StageName>();

  const stageArgs = (stage: StageName): string[] =>
    stage === 'insert' ? ['bt', 'insert', '-d', share, ...INSERT_RANGE] : ['bt', stage, ...WINDOW_RANGE];

  /** Runs the stages before `stage` to completion (skipped when an earlier test did), so each test also runs alone. */
  function prepareFor(stage: StageName): void {
    for (const earlier of STAGE_ORDER.slice(0, STAGE_ORDER.indexOf(stage))) {
      if (completed.has(earlier)) continue;
      const run = sandbox.lake(...stageArgs(earlier));
      if (run.status !== 0) throw new Error(`lake bt ${earlier} exited ${run.status}:\n${run.stderr.slice(-5000)}`);
      completed.add(earlier);
    }
  }

  /**
   * Starts the stage, SIGKILLs it half-way (`midRun`), preferably while `prefer` holds too, then
   * reruns it to completion. Returns the unfinished writes the killed run left in `target`.
   */
  async function killMidRunThenRerun(stage: StageName, target: string, midRun: () => boolean, prefer?: () => boolean): Promise<string[]> {
    prepareFor(stage);
    const args = stageArgs(stage);
    const { outcome, leftByKill } = await killThenRerun(sandbox, args, { watch: { midRun, prefer }, target });
    if (outcome === 'finished') {
      console.warn(`lake ${args.join(' ')} finished before it was seen half-way: the kill did not land, only the rerun over a complete lake was checked`);
    }
    completed.add(stage);
    return leftByKill;
  }

  const between = (count: number, all: number) => count >= 1 && count < all;
  const stored = (repository: string, pointer: string) => path.join(sandbox.home, repository, pointer);
  const folderOf = (repository: string) => path.join(sandbox.home, repository);
  /** A write in flight in a repository: the moment a kill is most likely to leave something half done. */
  const writing = (repository: string) => writingIn(folderOf(repository));

  /** The catalog holds exactly the expected pointers of a repository, each once. */
  function expectCatalogedOnce(repository: string, exts: string[], days: string[], extOf: (type: AwamFileType) => string): void {
    const pointers = probe.catalog(repository, exts).map((row) => row.pointer);
    const expected = days.flatMap((day) => TYPES.map((type) => btPointer(day, extOf(type))));
    expect([...pointers].sort()).toEqual([...expected].sort());
  }

  /** A stored JSON file of the Bluetooth pipeline parses whole and holds every row of its day. */
  function expectCompleteJson(repository: string, day: string, type: AwamFileType): void {
    const text = readFileSync(stored(repository, btPointer(day, `${type}.json`)), 'utf8');
    const file = JSON.parse(text) as { header: { file_type: string }; data: unknown[] };
    expect(file.header.file_type).toBe(type);
    expect(file.data).toHaveLength(ROWS[type]);
  }

  beforeAll(() => {
    // Killed runs cannot clean their temp folders: keep them inside the test's own folder.
    tmpdir = mkdtempSync(path.join(os.tmpdir(), 'lake-kill-tmp-'));
    sandbox = new LakeSandbox({ TMPDIR: tmpdir });
    share = writeBulkAwamShare(sandbox.path('awam'), INSERT_DAYS, SIZE);
    writeUnitData(path.join(sandbox.home, 'unit-data'));
    probe = new LakeProbe(sandbox.home);
  });

  afterAll(() => {
    probe?.close();
    sandbox?.remove();
    if (tmpdir) rmSync(tmpdir, { recursive: true, force: true });
  });

  it('bt insert: each AWAM file is cataloged once and stored byte for byte', async () => {
    const all = INSERT_DAYS.length * TYPES.length;
    const leftByKill = await killMidRunThenRerun(
      'insert',
      folderOf(REPOSITORIES.raw),
      () => between(probe.catalog(REPOSITORIES.raw, RAW_EXTS).length, all),
      writing(REPOSITORIES.raw),
    );

    expectCatalogedOnce(REPOSITORIES.raw, RAW_EXTS, INSERT_DAYS, (type) => `${type}.txt`);
    for (const day of INSERT_DAYS) {
      for (const type of TYPES) {
        const copy = readFileSync(stored(REPOSITORIES.raw, btPointer(day, `${type}.txt`)));
        expect(copy.equals(readFileSync(path.join(share, awamFileName(type, day))))).toBe(true);
      }
    }
    expectNoUnfinishedWrite(folderOf(REPOSITORIES.raw), leftByKill);
  });

  it('bt standard: each day is standardized once, every file whole', async () => {
    const all = WINDOW_DAYS.length * TYPES.length;
    const leftByKill = await killMidRunThenRerun(
      'standard',
      folderOf(REPOSITORIES.standardized),
      () => between(probe.catalog(REPOSITORIES.standardized, JSON_EXTS).length, all),
      writing(REPOSITORIES.standardized),
    );

    expectCatalogedOnce(REPOSITORIES.standardized, JSON_EXTS, WINDOW_DAYS, (type) => `${type}.json`);
    for (const day of WINDOW_DAYS) for (const type of TYPES) expectCompleteJson(REPOSITORIES.standardized, day, type);
    expectNoUnfinishedWrite(folderOf(REPOSITORIES.standardized), leftByKill);
  });

  it('bt ready: each day is enriched once, every file whole', async () => {
    const all = WINDOW_DAYS.length * TYPES.length;
    const leftByKill = await killMidRunThenRerun(
      'ready',
      folderOf(REPOSITORIES.ready),
      () => between(probe.catalog(REPOSITORIES.ready, JSON_EXTS).length, all),
      writing(REPOSITORIES.ready),
    );

    expectCatalogedOnce(REPOSITORIES.ready, JSON_EXTS, WINDOW_DAYS, (type) => `${type}.json`);
    for (const day of WINDOW_DAYS) for (const type of TYPES) expectCompleteJson(REPOSITORIES.ready, day, type);
    expectNoUnfinishedWrite(folderOf(REPOSITORIES.ready), leftByKill);
  });

  it('bt publish: every source row is in its dataset exactly once', async () => {
    const csvOf = (type: AwamFileType) => path.join(sandbox.home, 'publish', `${DATASETS[type]}.csv`);
    const csvLines = Object.fromEntries(TYPES.map((type) => [type, new GrowingFileLines(csvOf(type))])) as Record<AwamFileType, GrowingFileLines>;
    const all = WINDOW_DAYS.length * TYPES.length;
    // Best kill: a file whose first chunks are in its dataset and whose last are not (the IAF
    // files are three chunks each), so the rerun has to send rows the dataset already holds.
    const partlyPublished = () => {
      const published = probe.catalog(REPOSITORIES.public, JSON_EXTS);
      return TYPES.some((type) => {
        const files = published.filter((row) => row.id_ext === `${type}.json`).length;
        // Rows of a file not yet cataloged, and fewer than the file holds: it is still being sent.
        const sent = csvLines[type].lines() - 1 - files * ROWS[type];
        return sent > 0 && sent < ROWS[type];
      });
    };
    const publishFolder = path.join(sandbox.home, 'publish');
    const leftByKill = await killMidRunThenRerun(
      'publish',
      publishFolder,
      () => between(probe.catalog(REPOSITORIES.public, JSON_EXTS).length, all),
      partlyPublished,
    );

    const published = probe.catalog(REPOSITORIES.public, JSON_EXTS);
    const ready = probe.catalog(REPOSITORIES.ready, JSON_EXTS);
    const keyOf = (row: { id_ext: string; collection_date: number }) => `${row.id_ext} ${row.collection_date}`;
    expect(published.map(keyOf).sort()).toEqual(ready.map(keyOf).sort());
    for (const row of published) expect(row.pointer).toBe(DATASETS[row.id_ext.replace(/\.json$/, '') as AwamFileType]);

    for (const type of TYPES) {
      const text = readFileSync(csvOf(type), 'utf8');
      expect(text.endsWith('\r\n')).toBe(true);
      const [header, ...rows] = text.slice(0, -2).split('\r\n');
      expect(header.split(',').at(-1)).toBe('record_id');
      const ids = rows.map((row) => row.slice(row.lastIndexOf(',') + 1));
      expect(ids.every((id) => /^[0-9a-f]{32}$/.test(id))).toBe(true);
      expect({ type, rows: rows.length, distinctIds: new Set(ids).size }).toEqual({
        type,
        rows: WINDOW_DAYS.length * ROWS[type],
        distinctIds: WINDOW_DAYS.length * ROWS[type],
      });
    }
    expectNoUnfinishedWrite(publishFolder, leftByKill);
  });
});
