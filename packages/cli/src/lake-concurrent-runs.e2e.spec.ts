// Two `lake` runs of the same Bluetooth stage started at once over overlapping date windows on
// ONE embedded lake (same LAKE_HOME). Whatever order their writes land in, afterwards every
// expected catalog row exists exactly once and points at a complete file, every public dataset
// holds exactly one row per record_id, nothing unfinished (temp or lock file) is left, and both
// runs succeeded. No assertion depends on how the two runs happened to interleave.
import path from 'node:path';
import { writeBulkAwamShare } from './test-support/awam-bulk-share';
import { btPointer, writeUnitData } from './test-support/awam-share';
import { BtConcurrentScenario, DAYS, JSON_EXTS, RAW_EXTS, REPOSITORIES, SIZE, TYPES, reportLockWaits } from './test-support/bt-concurrent-scenario';
import { LakeSandbox } from './test-support/lake-cli';
import { LakeProbe } from './test-support/lake-probe';

jest.setTimeout(600_000);

describe('lake: two runs of one Bluetooth stage at once on one lake', () => {
  let sandbox: LakeSandbox;
  let probe: LakeProbe;
  let scenario: BtConcurrentScenario;

  function expectCatalogedOnce(repository: string, exts: string[]): void {
    const pointers = probe.catalog(repository, exts).map((row) => row.pointer);
    const expected = DAYS.flatMap((day) => exts.map((ext) => btPointer(day, ext)));
    expect([...pointers].sort()).toEqual([...expected].sort());
  }

  beforeAll(() => {
    sandbox = new LakeSandbox();
    scenario = new BtConcurrentScenario(sandbox, writeBulkAwamShare(sandbox.path('awam'), DAYS, SIZE));
    writeUnitData(path.join(sandbox.home, 'unit-data'));
    probe = new LakeProbe(sandbox.home);
  });

  afterAll(() => {
    probe?.close();
    sandbox?.remove();
  });

  it('bt insert: each AWAM file is cataloged once and stored byte for byte', async () => {
    await scenario.runTwiceAtOnce('insert');
    expectCatalogedOnce(REPOSITORIES.raw, RAW_EXTS);
    scenario.expectRawCopies();
    scenario.expectNothingUnfinished(REPOSITORIES.raw);
  });

  it('bt standard: each day is standardized once, every file whole', async () => {
    await scenario.runTwiceAtOnce('standard');
    expectCatalogedOnce(REPOSITORIES.standardized, JSON_EXTS);
    scenario.expectCompleteJson(REPOSITORIES.standardized);
    scenario.expectNothingUnfinished(REPOSITORIES.standardized);
  });

  it('bt publish: every source row is in its dataset exactly once', async () => {
    reportLockWaits(await scenario.runTwiceAtOnce('publish'));

    const published = probe.catalog(REPOSITORIES.public, JSON_EXTS);
    const ready = probe.catalog(REPOSITORIES.ready, JSON_EXTS);
    const keyOf = (row: { id_ext: string; collection_date: number }) => `${row.id_ext} ${row.collection_date}`;
    expect(published.map(keyOf).sort()).toEqual(ready.map(keyOf).sort());
    expect(published).toHaveLength(DAYS.length * TYPES.length);
    scenario.expectOneRowPerRecordId();
  });
});
