// The run's temp dir is removed at the end whatever happened (C-7 fixed: upstream never removed it).
import fs from 'node:fs';
import { TestLake } from '../test-support/test-lake';
import { testStages, writeSourceFiles, type TestStageBehaviour } from '../test-support/test-stages';
import { runStage } from './run-stage';

describe('runStage: the temp dir', () => {
  let test: TestLake;
  let sourcedir: string;

  beforeEach(() => {
    test = new TestLake();
    sourcedir = test.dir('incoming');
    writeSourceFiles(sourcedir, ['2019-06-01', '2019-06-02'], 'csv');
  });
  afterEach(() => test.dispose());

  async function runWith(behaviour: TestStageBehaviour) {
    const { ingest } = testStages({ ingest: behaviour });
    const result = await runStage(ingest, { startDate: '2019-06-01', sourcedir }, test.lake);
    expect(ingest.tempDirs).toHaveLength(1);
    return { ingest, result, tempDir: ingest.tempDirs[0] };
  }

  it('is a fresh folder per run, removed with its contents at the end', async () => {
    const first = await runWith({});
    const second = await runWith({});

    expect(first.tempDir).not.toBe(second.tempDir);
    expect(fs.existsSync(first.tempDir)).toBe(false);
    expect(fs.existsSync(second.tempDir)).toBe(false);
  });

  it('removes the temp dirs that killed runs left behind, but not those of live processes', async () => {
    const os = jest.requireActual('node:os') as typeof import('node:os');
    const path = jest.requireActual('node:path') as typeof import('node:path');
    const deadPid = 2 ** 22 + 4242; // above Linux's pid_max, so never alive
    const killed = fs.mkdtempSync(path.join(os.tmpdir(), `lake-run-${deadPid}-ts-insert-`));
    fs.writeFileSync(path.join(killed, 'sort-run-1.jsonl'), 'spilled');
    const live = fs.mkdtempSync(path.join(os.tmpdir(), `lake-run-${process.ppid}-ts-insert-`));
    try {
      await runWith({});
      expect(fs.existsSync(killed)).toBe(false);
      expect(fs.existsSync(live)).toBe(true);
    } finally {
      fs.rmSync(killed, { recursive: true, force: true });
      fs.rmSync(live, { recursive: true, force: true });
    }
  });

  it('is removed when an item throws', async () => {
    const { result, tempDir } = await runWith({ failOn: ['2019-06-01', '2019-06-02'] });

    expect(result.failures).toHaveLength(2);
    expect(fs.existsSync(tempDir)).toBe(false);
  });

  it('is removed when beforeItems throws; no item runs and the failure is reported', async () => {
    const { ingest, result, tempDir } = await runWith({ failBefore: true });

    expect(fs.existsSync(tempDir)).toBe(false);
    expect(ingest.seen).toEqual([]);
    expect(result.failures.map(({ label, message }) => [label, message])).toEqual([['ts:insert before items', 'ts:insert cannot start']]);
    expect(await test.perfmetJobs('Ingest')).toMatchObject([{ records: 0, failures: 1 }]);
  });
});
