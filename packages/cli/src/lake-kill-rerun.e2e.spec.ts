// "Stop anywhere, rerun, nothing is lost or duplicated", for each Bluetooth stage, on a generated
// AWAM share of three days (each day's IAF file is more than one publish chunk). The stages are
// run once uninterrupted as the reference, then each is killed at several moments (KillMatrix):
// fractions of its measured work, and the sharpest state the lake shows while it runs (half-way
// with a write in flight; for publish, a file whose first chunk is in its dataset and whose last
// is not). After each rerun the lake must equal the reference exactly: every file, catalog row,
// perfmet observation and published row, no unfinished write left.
//
// The reference itself is checked against the share: each AWAM file stored byte for byte and
// cataloged once, every JSON file whole, every source row in its dataset exactly once. Which state
// each kill caught is logged; no assertion depends on it.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { type AwamFileType, awamFileName, consecutiveDays, rowsPerDay, writeBulkAwamShare } from './test-support/awam-bulk-share';
import { btPointer, writeUnitData } from './test-support/awam-share';
import { HALF_WAY_WRITING, KillMatrix, type KillMoment, type RunningLake } from './test-support/kill-rerun';
import { GrowingFileLines } from './test-support/lake-probe';
import { catalogRowsOf } from './test-support/lake-state';

// 16 kills and reruns of 2-4 s each, two at a time; generous for a loaded machine.
jest.setTimeout(300_000);

const TYPES: AwamFileType[] = ['unmatched', 'matched', 'traf_match_summary'];
const DATASETS: Record<AwamFileType, string> = { unmatched: 'qnpj-zrb9', matched: 'x44q-icha', traf_match_summary: 'v7zg-5jg9' };
/** More IAF rows a day than a publish chunk (10 000 rows) holds, so a file can be half published. */
const SIZE = { unmatched: 14_000, matched: 1_000 };
const ROWS = rowsPerDay(SIZE);
const DAYS = consecutiveDays('2019-06-01', 3);
const RANGE = ['-s', '2019-06-01', '-e', '2019-06-04'];

const REPOSITORIES = { raw: 'atd-datalake-raw', standardized: 'atd-datalake-rawjson', ready: 'atd-datalake-ready', public: 'socrata' };

/** Kill moments per stage, as fractions of the stage's measured work; each stage also gets its sharpest state. */
const FRACTIONS = [0, 0.3, 0.6];

/**
 * Half-way through publishing, preferably while a file's first chunk is in its dataset and its
 * last is not, so the rerun has to send rows the dataset already holds.
 */
const partlyPublished: KillMoment = {
  state: 'a file half sent',
  watch: ({ home, probe, rowsWhenDone }: RunningLake) => {
    const csvLines = Object.fromEntries(TYPES.map((type) => [type, new GrowingFileLines(path.join(home, 'publish', `${DATASETS[type]}.csv`))])) as Record<AwamFileType, GrowingFileLines>;
    return {
      midRun: () => {
        const rows = probe.catalog(REPOSITORIES.public).length;
        return rows >= 1 && rows < rowsWhenDone;
      },
      prefer: () => {
        const published = probe.catalog(REPOSITORIES.public);
        return TYPES.some((type) => {
          const files = published.filter((row) => row.id_ext === `${type}.json`).length;
          // Rows of a file not cataloged yet, fewer than the file holds: it is still being sent.
          const sent = csvLines[type].lines() - 1 - files * ROWS[type];
          return sent > 0 && sent < ROWS[type];
        });
      },
      pollMs: 2,
      patience: 200,
    };
  },
};

const STAGE_MOMENTS: Record<string, KillMoment> = {
  insert: HALF_WAY_WRITING,
  standard: HALF_WAY_WRITING,
  ready: HALF_WAY_WRITING,
  publish: partlyPublished,
};

describe('lake: a Bluetooth stage killed at many points, then rerun', () => {
  let root: string;
  let share: string;
  let matrix: KillMatrix;

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'lake-bt-kill-'));
    share = writeBulkAwamShare(path.join(root, 'awam'), DAYS, SIZE);
    matrix = new KillMatrix(root, [
      { name: 'insert', args: ['bt', 'insert', '-d', share, ...RANGE], folder: REPOSITORIES.raw, repository: REPOSITORIES.raw },
      { name: 'standard', args: ['bt', 'standard', ...RANGE], folder: REPOSITORIES.standardized, repository: REPOSITORIES.standardized },
      { name: 'ready', args: ['bt', 'ready', ...RANGE], folder: REPOSITORIES.ready, repository: REPOSITORIES.ready },
      { name: 'publish', args: ['bt', 'publish', ...RANGE], folder: 'publish', repository: REPOSITORIES.public },
    ]);
    await matrix.runReference((home) => void writeUnitData(path.join(home, 'unit-data')));
  });

  afterAll(() => {
    if (matrix?.reports.length) console.info(matrix.summary('Bluetooth kills'));
    if (root) rmSync(root, { recursive: true, force: true });
  });

  /** The repository's catalog rows of the reference (unit-data snapshots aside), by pointer and ext. */
  function cataloged(repository: string): string[] {
    return catalogRowsOf(matrix.reference('publish'), repository)
      .map((row) => JSON.parse(row) as { pointer: string; id_ext: string })
      .filter((row) => !row.id_ext.endsWith('unit_data.json'))
      .map((row) => `${row.pointer} ${row.id_ext}`)
      .sort();
  }

  const expected = (ext: (type: AwamFileType) => string) => DAYS.flatMap((day) => TYPES.map((type) => `${btPointer(day, ext(type))} ${ext(type)}`)).sort();

  it('the reference run stored each AWAM file byte for byte and cataloged each file of each layer once', () => {
    const state = matrix.reference('publish');
    expect(cataloged(REPOSITORIES.raw)).toEqual(expected((type) => `${type}.txt`));
    for (const day of DAYS) {
      for (const type of TYPES) {
        const sha1 = createHash('sha1').update(readFileSync(path.join(share, awamFileName(type, day)))).digest('hex');
        expect({ day, type, sha1: state.files[`${REPOSITORIES.raw}/${btPointer(day, `${type}.txt`)}`] }).toEqual({ day, type, sha1 });
      }
    }
    expect(cataloged(REPOSITORIES.standardized)).toEqual(expected((type) => `${type}.json`));
    expect(cataloged(REPOSITORIES.ready)).toEqual(expected((type) => `${type}.json`));
  });

  it('the reference run wrote every JSON file whole', () => {
    for (const [stage, repository] of [
      ['standard', REPOSITORIES.standardized],
      ['ready', REPOSITORIES.ready],
    ]) {
      for (const day of DAYS) {
        for (const type of TYPES) {
          const text = readFileSync(path.join(matrix.lakeAfter(stage), repository, btPointer(day, `${type}.json`)), 'utf8');
          const file = JSON.parse(text) as { header: { file_type: string }; data: unknown[] };
          expect({ repository, day, type, fileType: file.header.file_type, rows: file.data.length }).toEqual({ repository, day, type, fileType: type, rows: ROWS[type] });
        }
      }
    }
  });

  it('the reference run published every source row exactly once', () => {
    const state = matrix.reference('publish');
    // One catalog row per ready file, pointing at its type's dataset.
    const rowsOf = (repository: string) => catalogRowsOf(state, repository).map((row) => JSON.parse(row) as { pointer: string; id_ext: string; collection_date: number });
    const published = rowsOf(REPOSITORIES.public).map((row) => `${row.collection_date} ${row.id_ext} ${row.pointer}`);
    const ready = rowsOf(REPOSITORIES.ready).map((row) => `${row.collection_date} ${row.id_ext} ${DATASETS[row.id_ext.replace(/\.json$/, '') as AwamFileType]}`);
    expect(published.sort()).toEqual(ready.sort());
    for (const type of TYPES) {
      const lines = state.published[`${DATASETS[type]}.csv`];
      // Every line ends with CRLF, the last included: the one empty piece is what follows it.
      expect({ type, empty: lines.filter((row) => row === '').length }).toEqual({ type, empty: 1 });
      const [header, ...rows] = lines.filter((row) => row !== '');
      expect(header.split(',').at(-1)).toBe('record_id');
      const ids = rows.map((row) => row.slice(row.lastIndexOf(',') + 1));
      expect(ids.every((id) => /^[0-9a-f]{32}$/.test(id))).toBe(true);
      expect({ type, rows: rows.length, distinctIds: new Set(ids).size }).toEqual({ type, rows: DAYS.length * ROWS[type], distinctIds: DAYS.length * ROWS[type] });
    }
  });

  it.each(Object.keys(STAGE_MOMENTS))('bt %s: killed at several points of its work and rerun, the lake equals the uninterrupted run', async (stage) => {
    const moments: KillMoment[] = [...FRACTIONS.map((fraction) => ({ fraction })), STAGE_MOMENTS[stage]];
    const reports = await matrix.kill(stage, moments);
    expect(reports).toHaveLength(moments.length);
  });
});
