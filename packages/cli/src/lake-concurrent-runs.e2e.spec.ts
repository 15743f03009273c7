// Two `lake` runs of the same Bluetooth stage started at once over overlapping date windows on
// ONE embedded lake (same LAKE_HOME). Whatever order their writes land in, afterwards every
// expected catalog row exists exactly once and points at a complete file, every public dataset
// holds exactly one row per record_id, nothing unfinished (temp or lock file) is left, and both
// runs succeeded. No assertion depends on how the two runs happened to interleave.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { type AwamFileType, awamFileName, consecutiveDays, rowsPerDay, writeBulkAwamShare } from './test-support/awam-bulk-share';
import { btPointer, writeUnitData } from './test-support/awam-share';
import { type FinishedRun, runConcurrently } from './test-support/concurrent-lake-runs';
import { LakeSandbox } from './test-support/lake-cli';
import { LakeProbe, tempFilesUnder } from './test-support/lake-probe';

jest.setTimeout(600_000);

const TYPES: AwamFileType[] = ['unmatched', 'matched', 'traf_match_summary'];
const DATASETS: Record<AwamFileType, string> = { unmatched: 'qnpj-zrb9', matched: 'x44q-icha', traf_match_summary: 'v7zg-5jg9' };
const SIZE = { unmatched: 3_000, matched: 800 };
const ROWS = rowsPerDay(SIZE);

/** Five days; the two runs share the middle three. */
const DAYS = consecutiveDays('2019-06-01', 5);
const FIRST_RANGE = ['-s', '2019-06-01', '-e', '2019-06-05'];
const SECOND_RANGE = ['-s', '2019-06-02', '-e', '2019-06-06'];
const ALL_RANGE = ['-s', '2019-06-01', '-e', '2019-06-06'];

const REPOSITORIES = { raw: 'atd-datalake-raw', standardized: 'atd-datalake-rawjson', ready: 'atd-datalake-ready', public: 'socrata' };
const RAW_EXTS = TYPES.map((type) => `${type}.txt`);
const JSON_EXTS = TYPES.map((type) => `${type}.json`);

type StageName = 'insert' | 'standard' | 'ready' | 'publish';
const STAGE_ORDER: StageName[] = ['insert', 'standard', 'ready', 'publish'];

describe('lake: two runs of one Bluetooth stage at once on one lake', () => {
  let sandbox: LakeSandbox;
  let probe: LakeProbe;
  let share: string;
  const completed = new Set<StageName>();

  const stageArgs = (stage: StageName, range: string[]): string[] =>
    stage === 'insert' ? ['bt', 'insert', '-d', share, ...range] : ['bt', stage, ...range];

  /** Runs the stages before `stage` over all days (skipped when an earlier test did), so each test also runs alone. */
  function prepareFor(stage: StageName): void {
    for (const earlier of STAGE_ORDER.slice(0, STAGE_ORDER.indexOf(stage))) {
      if (completed.has(earlier)) continue;
      const run = sandbox.lake(...stageArgs(earlier, ALL_RANGE));
      if (run.status !== 0) throw new Error(`lake bt ${earlier} exited ${run.status}:\n${run.stderr.slice(-5000)}`);
      completed.add(earlier);
    }
  }

  /** Both runs over their windows at once; both must succeed. */
  async function runTwiceAtOnce(stage: StageName): Promise<FinishedRun[]> {
    prepareFor(stage);
    const runs = await runConcurrently(sandbox, [stageArgs(stage, FIRST_RANGE), stageArgs(stage, SECOND_RANGE)]);
    expect(runs.map((run) => ({ args: run.args.join(' '), code: run.code, signal: run.signal, log: run.code === 0 ? '' : run.stderr.slice(-5000) }))).toEqual(
      runs.map((run) => ({ args: run.args.join(' '), code: 0, signal: null, log: '' })),
    );
    completed.add(stage);
    return runs;
  }

  const stored = (repository: string, pointer: string) => path.join(sandbox.home, repository, pointer);
  const folderOf = (repository: string) => path.join(sandbox.home, repository);

  function expectCatalogedOnce(repository: string, exts: string[], extOf: (type: AwamFileType) => string): void {
    const pointers = probe.catalog(repository, exts).map((row) => row.pointer);
    const expected = DAYS.flatMap((day) => TYPES.map((type) => btPointer(day, extOf(type))));
    expect([...pointers].sort()).toEqual([...expected].sort());
  }

  function expectCompleteJson(repository: string, day: string, type: AwamFileType): void {
    const file = JSON.parse(readFileSync(stored(repository, btPointer(day, `${type}.json`)), 'utf8')) as { header: { file_type: string }; data: unknown[] };
    expect(file.header.file_type).toBe(type);
    expect(file.data).toHaveLength(ROWS[type]);
  }

  function expectNothingUnfinished(dir: string): void {
    const locks = existsSync(dir) ? (readdirSync(dir, { recursive: true }) as string[]).filter((name) => /\.lock$|\.stale$/.test(name)) : [];
    expect({ temp: tempFilesUnder(dir), locks }).toEqual({ temp: [], locks: [] });
  }

  beforeAll(() => {
    sandbox = new LakeSandbox();
    share = writeBulkAwamShare(sandbox.path('awam'), DAYS, SIZE);
    writeUnitData(path.join(sandbox.home, 'unit-data'));
    probe = new LakeProbe(sandbox.home);
  });

  afterAll(() => {
    probe?.close();
    sandbox?.remove();
  });

  it('bt insert: each AWAM file is cataloged once and stored byte for byte', async () => {
    await runTwiceAtOnce('insert');
    expectCatalogedOnce(REPOSITORIES.raw, RAW_EXTS, (type) => `${type}.txt`);
    for (const day of DAYS) {
      for (const type of TYPES) {
        const copy = readFileSync(stored(REPOSITORIES.raw, btPointer(day, `${type}.txt`)));
        expect(copy.equals(readFileSync(path.join(share, awamFileName(type, day))))).toBe(true);
      }
    }
    expectNothingUnfinished(folderOf(REPOSITORIES.raw));
  });

  it('bt standard: each day is standardized once, every file whole', async () => {
    await runTwiceAtOnce('standard');
    expectCatalogedOnce(REPOSITORIES.standardized, JSON_EXTS, (type) => `${type}.json`);
    for (const day of DAYS) for (const type of TYPES) expectCompleteJson(REPOSITORIES.standardized, day, type);
    expectNothingUnfinished(folderOf(REPOSITORIES.standardized));
  });

  it('bt publish: every source row is in its dataset exactly once', async () => {
    const runs = await runTwiceAtOnce('publish');
    const waited = runs.filter((run) => /is held by process \d+; waiting for it/.test(run.stderr.replace(/\s+/g, ' ')));
    if (waited.length > 0) console.info(`${waited.length} publish run(s) waited for the other's dataset lock, and said so`);

    const published = probe.catalog(REPOSITORIES.public, JSON_EXTS);
    const ready = probe.catalog(REPOSITORIES.ready, JSON_EXTS);
    const keyOf = (row: { id_ext: string; collection_date: number }) => `${row.id_ext} ${row.collection_date}`;
    expect(published.map(keyOf).sort()).toEqual(ready.map(keyOf).sort());
    expect(published).toHaveLength(DAYS.length * TYPES.length);

    const publishFolder = path.join(sandbox.home, 'publish');
    for (const type of TYPES) {
      const text = readFileSync(path.join(publishFolder, `${DATASETS[type]}.csv`), 'utf8');
      expect(text.endsWith('\r\n')).toBe(true);
      const [header, ...rows] = text.slice(0, -2).split('\r\n');
      expect(header.split(',').at(-1)).toBe('record_id');
      const ids = rows.map((row) => row.slice(row.lastIndexOf(',') + 1));
      expect(ids.every((id) => /^[0-9a-f]{32}$/.test(id))).toBe(true);
      expect({ type, rows: rows.length, distinctIds: new Set(ids).size }).toEqual({
        type,
        rows: DAYS.length * ROWS[type],
        distinctIds: DAYS.length * ROWS[type],
      });
    }
    expectNothingUnfinished(publishFolder);
  });
});
