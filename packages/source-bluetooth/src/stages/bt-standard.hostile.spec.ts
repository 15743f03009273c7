// Generated hostile AWAM files (issue 8) through bt:insert and bt:standard on a real embedded
// lake: every variant of every file type in one run, each on its own day beside that day's two
// untouched files. Each variant either is stored with its problems counted in a warning naming the
// file and the damaged line, or fails with a LakeError naming the file; everything untouched is
// stored exactly; nothing is left outside the lake home. The 5 MiB line runs in a child process
// whose peak RSS is bounded.
import path from 'node:path';
import { parseLakeJson, runStage, type StageResult } from '@lake/core';
import { fileTree, forkTs, textVariants, withPrivateTmp, type HostileVariant, type TextMutation } from '@lake/testing';
import type { BluetoothFileType, BluetoothRecord, StandardizedFile } from '../formats/file-types';
import { awamFileName, removeFolder, tempFolder, writeFiles } from '../test-support/awam-files';
import { AwamTestLake } from '../test-support/awam-lake';
import type { MemoryChildOutcome } from '../test-support/hostile-memory-child';
import { BluetoothInsert } from './bt-insert';
import { BluetoothStandard } from './bt-standard';

const STANDARDIZED = 'atd-datalake-rawjson';
const TYPES: BluetoothFileType[] = ['unmatched', 'matched', 'traf_match_summary'];

/** Valid files of each type: several lines, a quoted field with a comma, multi-byte characters. */
export const AWAM_SAMPLES: Record<BluetoothFileType, string> = {
  unmatched: [
    '6/1/2019 12:00:05 AM,10.1.2.3,5/31/2019 11:59:58 PM,lamar_6th,QUJDREVG',
    '6/1/2019 12:10:05 AM,10.1.2.3,6/1/2019 12:09:58 AM,"lamar_6th, Straße",QUJDREVH',
    '6/1/2019 1:00:00 AM,10.1.2.4,6/1/2019 12:59:59 AM,congress_5th,QUJDREVI',
    '6/1/2019 2:30:15 PM,10.1.2.4,6/1/2019 2:30:10 PM,congress_5th,QUJDREVJ€',
    '6/1/2019 11:59:59 PM,10.1.2.3,6/1/2019 11:59:50 PM,lamar_6th,QUJDREVK',
  ].map((line) => `${line}\r\n`).join(''),
  matched: [
    'QUJDREVG,lamar_mlk,lamar_6th,5/31/2019 11:48:20 PM,5/31/2019 11:59:46 PM,686,3.31,Y,1',
    'QUJDREVH,"lamar_mlk, Straße",lamar_6th,6/1/2019 1:48:20 AM,6/1/2019 1:59:46 AM,686,3.31,Y,1',
    'QUJDREVI,lamar_mlk,lamar_6th,6/1/2019 3:00:00 PM,6/1/2019 3:10:00 PM,600,4.5,N,2',
    'QUJDREVJ€,congress_5th,congress_riverside,6/1/2019 8:00:00 PM,6/1/2019 8:02:00 PM,120,20.1,Y,1',
  ].map((line) => `${line}\r\n`).join(''),
  traf_match_summary: [
    '51st_springdale,51st_manor,51st St,Springdale Rd,EB,51st St,Manor Rd,EB,0.633,6/1/2019 12:00 AM,50,45.6,15,12,3.2',
    '51st_springdale,51st_manor,"51st St, Süd",Springdale Rd,EB,51st St,Manor Rd,EB,0.633,6/1/2019 12:15 AM,52,43.8,15,9,2.9',
    'lamar_6th,lamar_mlk,Lamar Blvd,6th St,NB,Lamar Blvd,MLK Blvd,NB,1.04,6/1/2019 1:00 PM,120,31.2,15,20,11.5',
    'lamar_6th,lamar_mlk,Lamar Blvd,6th St,NB,Lamar Blvd,MLK Blvd€,NB,1.04,6/1/2019 11:45 PM,99,37.8,15,4,0',
  ].map((line) => `${line}\r\n`).join(''),
};

/** Damage confined to one line: the file keeps its other lines, and the line is reported. */
const ONE_LINE: ReadonlySet<TextMutation> = new Set(['nul', 'invalid-utf8', 'columns', 'big-field']);
const TRUNCATIONS: ReadonlySet<TextMutation> = new Set(['truncate', 'truncate-in-char', 'truncate-in-quotes']);

interface Placed {
  variant: HostileVariant<TextMutation>;
  fileType: BluetoothFileType;
  day: string;
  /** The raw pointer's file name, which messages name. */
  fileName: string;
}

/** `2019-01-01` plus `offset` days. */
function dayAfterNewYear(offset: number): string {
  return new Date(Date.UTC(2019, 0, 1 + offset)).toISOString().slice(0, 10);
}

const quotesBalanced = (bytes: Buffer) => bytes.toString('latin1').split('"').length % 2 === 1;

describe('bt:standard on generated hostile AWAM files', () => {
  let lake: AwamTestLake;
  let share: string;
  const placed: Placed[] = [];
  const goodDays = ['2019-05-01', '2019-05-02'];
  let result: StageResult;
  let leftovers: string[];
  let shareBefore: string[];
  let expected: Record<BluetoothFileType, BluetoothRecord[]>;

  beforeAll(async () => {
    lake = new AwamTestLake();
    lake.writeUnitData();
    share = tempFolder();
    const files: Record<string, string | Buffer> = {};
    let offset = 0;
    TYPES.forEach((fileType, typeIndex) => {
      for (const variant of textVariants(AWAM_SAMPLES[fileType], { seed: 8_000 + typeIndex, perKind: 3 })) {
        const day = dayAfterNewYear(offset++);
        placed.push({ variant, fileType, day, fileName: `Austin_bt_${day}_${fileType}.txt` });
        for (const other of TYPES) files[awamFileName(other, day)] = other === fileType ? variant.bytes : AWAM_SAMPLES[other];
      }
    });
    for (const day of goodDays) for (const fileType of TYPES) files[awamFileName(fileType, day)] = AWAM_SAMPLES[fileType];
    writeFiles(share, files);
    shareBefore = fileTree(share);

    const inserted = await runStage(new BluetoothInsert(), { lastRunDate: '0', sourcedir: share }, lake.lake);
    expect(inserted.failures).toEqual([]);
    lake.advance(1);
    ({ value: result, leftovers } = await withPrivateTmp(() => runStage(new BluetoothStandard(), { lastRunDate: '0' }, lake.lake)));
    expected = Object.fromEntries(TYPES.map((fileType) => [fileType, stored(goodDays[0], fileType)!.data])) as Record<BluetoothFileType, BluetoothRecord[]>;
  }, 120_000);

  afterAll(async () => {
    await lake.dispose();
    removeFolder(share);
  });

  const catalogued = new Set<string>();
  beforeAll(async () => {
    for (const row of await lake.catalogRows(STANDARDIZED)) catalogued.add(row.pointer);
  });

  function pointer(day: string, fileType: BluetoothFileType): string {
    return `${day.replace(/-/g, '/')}/bt/Austin_bt_${day}_${fileType}.json`;
  }

  /** The standardized file of a day and type, when it is catalogued. */
  function stored(day: string, fileType: BluetoothFileType): StandardizedFile | null {
    const key = pointer(day, fileType);
    if (!catalogued.has(key) && catalogued.size > 0) return null;
    return parseLakeJson(lake.readStored(STANDARDIZED, key), key) as StandardizedFile;
  }

  const warningOf = (fileName: string) => lake.log.lines.find((line) => line.startsWith(`WARN ${fileName}:`)) ?? null;

  it('makes many variants of every kind for every type', () => {
    const kinds = new Set(placed.map(({ variant }) => variant.kind));
    expect([...kinds].sort()).toEqual(['big-field', 'binary', 'columns', 'delimiter', 'empty', 'invalid-utf8', 'line-endings', 'nul', 'truncate', 'truncate-in-char', 'truncate-in-quotes']);
    for (const fileType of TYPES) expect(placed.filter((entry) => entry.fileType === fileType).length).toBeGreaterThanOrEqual(25);
  });

  it('returns a result, every item accounted for: stored, or failed with a LakeError naming its file', () => {
    expect(result.stage).toBe('bt:standard');
    for (const failure of result.failures) {
      expect(failure.code).not.toBe('ERROR');
      const entry = placed.find(({ fileName }) => failure.label.endsWith(fileName));
      expect(entry).toBeDefined();
      expect(failure.message).toContain(entry!.fileName);
    }
    for (const { day, fileType, fileName } of placed) {
      const failed = result.failures.some((failure) => failure.label.endsWith(fileName));
      expect([fileName, catalogued.has(pointer(day, fileType))]).toEqual([fileName, !failed]);
    }
  });

  it('stores every untouched file of the run exactly, the other files of a hostile file\'s day included', () => {
    for (const day of goodDays) for (const fileType of TYPES) expect(stored(day, fileType)!.data).toEqual(expected[fileType]);
    for (const { day, fileType } of placed) {
      for (const other of TYPES.filter((type) => type !== fileType)) expect([day, other, stored(day, other)?.data]).toEqual([day, other, expected[other]]);
    }
  });

  it('keeps every line before the damage; one damaged line is reported with its number and the rest kept', () => {
    for (const { variant, fileType, day, fileName } of placed) {
      const file = stored(day, fileType);
      const records = expected[fileType];
      const line = variant.line ?? 1;
      const warning = warningOf(fileName);
      const where = `${variant.name} of ${fileType}`;
      if (file) expect([where, file.data.slice(0, line - 1)]).toEqual([where, records.slice(0, line - 1)]);
      if (ONE_LINE.has(variant.kind) || (variant.kind === 'delimiter' && !variant.name.includes('-all'))) {
        expect([where, file !== null]).toEqual([where, true]);
        expect([where, warning]).toEqual([where, expect.stringContaining(`line ${line}:`)]);
        const changedLine = variant.bytes.toString('latin1').split(/\r\n|\r|\n/)[line - 1];
        if (quotesBalanced(Buffer.from(changedLine, 'latin1'))) expect([where, file!.data.slice(-(records.length - line) || file!.data.length)]).toEqual([where, records.slice(line)]);
      } else if (TRUNCATIONS.has(variant.kind)) {
        if (file) expect(file.data.length).toBeLessThanOrEqual(line);
        if (warning) expect([where, warning]).toEqual([where, expect.stringContaining(`line ${line}:`)]);
      }
    }
  });

  it('reads any mix of CRLF, CR and LF as the same records, and an empty file as none, without a warning', () => {
    for (const { variant, fileType, day, fileName } of placed.filter(({ variant }) => variant.kind === 'line-endings' || variant.kind === 'empty')) {
      expect([variant.name, stored(day, fileType)!.data]).toEqual([variant.name, variant.kind === 'empty' ? [] : expected[fileType]]);
      expect(warningOf(fileName)).toBeNull();
    }
  });

  it('fails a file in another delimiter as no AWAM file; reports binary bytes either way', () => {
    for (const { variant, fileName } of placed.filter(({ variant }) => variant.name.includes('-all'))) {
      expect([variant.name, result.failures.find((failure) => failure.label.endsWith(fileName))?.code]).toEqual([variant.name, 'BT_NOT_AWAM']);
    }
    for (const { fileName } of placed.filter(({ variant }) => variant.kind === 'binary')) {
      const failure = result.failures.find((entry) => entry.label.endsWith(fileName));
      expect(failure?.message ?? warningOf(fileName)).toContain(fileName);
    }
    // Something failed, so the run says so (the CLI exits 1).
    expect(result.failures.length).toBeGreaterThan(0);
    expect(result.failures.every((failure) => failure.label !== 'unit data')).toBe(true);
  });

  it('writes nothing outside the lake home: no temp leftovers, the share untouched', () => {
    expect(leftovers).toEqual([]);
    expect(fileTree(share)).toEqual(shareBefore);
    const tops = new Set(fileTree(lake.home).map((file) => file.split('/')[0].replace(/-(wal|shm)$/, '')));
    expect([...tops].sort()).toEqual(
      ['atd-datalake-raw', 'atd-datalake-rawjson', 'lake.sqlite', 'unit-data'],
    );
  });
});

describe('bt:standard memory on a 5 MiB line without a line break', () => {
  it('reports the line, keeps the others, and peaks under 300 MB', async () => {
    const child = await forkTs(path.join(__dirname, '../test-support/hostile-memory-child.ts'), ['awam-huge-line']);
    expect(child.stderr).toBe('');
    expect(child.code).toBe(0);
    const outcome = JSON.parse(child.stdout) as MemoryChildOutcome;
    expect(outcome.failures).toEqual([]);
    expect(outcome.records).toBe(3);
    expect(outcome.warnings).toEqual([expect.stringMatching(/^WARN Austin_bt_2019-06-01_unmatched\.txt: 1 record skipped for (too many fields|a field over the size limit) \(line 2: /)]);
    expect(outcome.catalogued).toContain('unmatched.json 2019-06-01');
    expect(outcome.peakRssBytes).toBeLessThan(300 * 1024 * 1024);
  }, 120_000);
});
