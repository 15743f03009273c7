// The Bluetooth scenario of the two concurrent-runs e2e specs (embedded catalog, and PostgreSQL):
// five days of AWAM files, each stage run twice at once over windows sharing the middle three
// days, and the checks both make of what is left behind.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { type AwamFileType, awamFileName, consecutiveDays, rowsPerDay } from './awam-bulk-share';
import { btPointer } from './awam-share';
import { type FinishedRun, runConcurrently } from './concurrent-lake-runs';
import type { LakeSandbox } from './lake-cli';
import { tempFilesUnder } from './lake-probe';

export const TYPES: AwamFileType[] = ['unmatched', 'matched', 'traf_match_summary'];
export const DATASETS: Record<AwamFileType, string> = { unmatched: 'qnpj-zrb9', matched: 'x44q-icha', traf_match_summary: 'v7zg-5jg9' };
export const SIZE = { unmatched: 3_000, matched: 800 };
export const ROWS = rowsPerDay(SIZE);

/** Five days; the two runs share the middle three. */
export const DAYS = consecutiveDays('2019-06-01', 5);
const FIRST_RANGE = ['-s', '2019-06-01', '-e', '2019-06-05'];
const SECOND_RANGE = ['-s', '2019-06-02', '-e', '2019-06-06'];
const ALL_RANGE = ['-s', '2019-06-01', '-e', '2019-06-06'];

export const REPOSITORIES = { raw: 'atd-datalake-raw', standardized: 'atd-datalake-rawjson', ready: 'atd-datalake-ready', public: 'socrata' };
export const RAW_EXTS = TYPES.map((type) => `${type}.txt`);
export const JSON_EXTS = TYPES.map((type) => `${type}.json`);

export type StageName = 'insert' | 'standard' | 'ready' | 'publish';
const STAGE_ORDER: StageName[] = ['insert', 'standard', 'ready', 'publish'];

export class BtConcurrentScenario {
  private readonly completed = new Set<StageName>();

  constructor(
    private readonly sandbox: LakeSandbox,
    private readonly share: string,
  ) {}

  stageArgs(stage: StageName, range: string[]): string[] {
    return stage === 'insert' ? ['bt', 'insert', '-d', this.share, ...range] : ['bt', stage, ...range];
  }

  /** Runs the stages before `stage` over all days (skipped when an earlier test did), so each test also runs alone. */
  prepareFor(stage: StageName): void {
    for (const earlier of STAGE_ORDER.slice(0, STAGE_ORDER.indexOf(stage))) {
      if (this.completed.has(earlier)) continue;
      const run = this.sandbox.lake(...this.stageArgs(earlier, ALL_RANGE));
      if (run.status !== 0) throw new Error(`lake bt ${earlier} exited ${run.status}:\n${run.stderr.slice(-5000)}`);
      this.completed.add(earlier);
    }
  }

  /** Both runs over their windows at once; both must succeed. */
  async runTwiceAtOnce(stage: StageName): Promise<FinishedRun[]> {
    this.prepareFor(stage);
    const runs = await runConcurrently(this.sandbox, [this.stageArgs(stage, FIRST_RANGE), this.stageArgs(stage, SECOND_RANGE)]);
    expect(runs.map((run) => ({ args: run.args.join(' '), code: run.code, signal: run.signal, log: run.code === 0 ? '' : run.stderr.slice(-5000) }))).toEqual(
      runs.map((run) => ({ args: run.args.join(' '), code: 0, signal: null, log: '' })),
    );
    this.completed.add(stage);
    return runs;
  }

  stored(repository: string, pointer: string): string {
    return path.join(this.sandbox.home, repository, pointer);
  }

  /** Every raw copy equals its AWAM file byte for byte. */
  expectRawCopies(): void {
    for (const day of DAYS) {
      for (const type of TYPES) {
        const copy = readFileSync(this.stored(REPOSITORIES.raw, btPointer(day, `${type}.txt`)));
        expect(copy.equals(readFileSync(path.join(this.share, awamFileName(type, day))))).toBe(true);
      }
    }
  }

  /** Every JSON file of a repository is whole: its type and all its rows. */
  expectCompleteJson(repository: string): void {
    for (const day of DAYS) {
      for (const type of TYPES) {
        const file = JSON.parse(readFileSync(this.stored(repository, btPointer(day, `${type}.json`)), 'utf8')) as { header: { file_type: string }; data: unknown[] };
        expect(file.header.file_type).toBe(type);
        expect(file.data).toHaveLength(ROWS[type]);
      }
    }
  }

  /** No temp file and no lock left in a repository (or the publish folder). */
  expectNothingUnfinished(folder: string): void {
    const dir = path.join(this.sandbox.home, folder);
    const locks = existsSync(dir) ? (readdirSync(dir, { recursive: true }) as string[]).filter((name) => /\.lock$|\.stale$/.test(name)) : [];
    expect({ temp: tempFilesUnder(dir), locks }).toEqual({ temp: [], locks: [] });
  }

  /** Each dataset CSV of the embedded publisher holds every source row once, each under its own record_id. */
  expectOneRowPerRecordId(): void {
    for (const type of TYPES) {
      const text = readFileSync(path.join(this.sandbox.home, 'publish', `${DATASETS[type]}.csv`), 'utf8');
      expect(text.endsWith('\r\n')).toBe(true);
      const [header, ...rows] = text.slice(0, -2).split('\r\n');
      expect(header.split(',').at(-1)).toBe('record_id');
      const ids = rows.map((row) => row.slice(row.lastIndexOf(',') + 1));
      expect(ids.every((id) => /^[0-9a-f]{32}$/.test(id))).toBe(true);
      expect({ type, rows: rows.length, distinctIds: new Set(ids).size }).toEqual({ type, rows: DAYS.length * ROWS[type], distinctIds: DAYS.length * ROWS[type] });
    }
    this.expectNothingUnfinished('publish');
  }
}

/** Says when a publish run waited for the other's dataset lock (it must say so when it does). */
export function reportLockWaits(runs: FinishedRun[]): void {
  const waited = runs.filter((run) => /is held by process \d+; waiting for it/.test(run.stderr.replace(/\s+/g, ' ')));
  if (waited.length > 0) console.info(`${waited.length} publish run(s) waited for the other's dataset lock, and said so`);
}
