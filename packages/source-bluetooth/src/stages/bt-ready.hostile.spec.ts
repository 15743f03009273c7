// Generated hostile standardized files (issue 8) read by bt:ready through core's streaming lake
// JSON reader, on a real embedded lake: bare NaN tokens, values of the wrong type, 100 000 levels
// of `[` (closed or not), enormous strings, missing members, truncated text. Each such file is
// either made ready or fails with a LakeError naming it; the untouched files of its day and of
// the run are made ready.
import type { StageResult } from '@lake/core';
import { jsonVariants, withPrivateTmp, type JsonMutation, type JsonVariant } from '@lake/testing';
import type { BluetoothFileType, StandardizedFile } from '../formats/file-types';
import { btDevice, matchedRecord, standardizedFile, summaryRecord, unitDataSnapshot, unmatchedRecord } from '../test-support/ready-fixtures';
import { BtTestLake } from '../test-support/ready-lake';
import { BluetoothReady } from './bt-ready';

const TYPES: BluetoothFileType[] = ['unmatched', 'matched', 'traf_match_summary'];
/** No reader can make anything of these. */
const ALWAYS_FAILS: ReadonlySet<JsonMutation> = new Set(['deep', 'deep-unclosed', 'truncate']);

function sampleFile(fileType: BluetoothFileType, day: string): StandardizedFile {
  const at = (wall: string) => `${day} ${wall}-05:00`;
  const data = {
    unmatched: [unmatchedRecord(at('00:00:09'), 'lamar_6th', 'B'), unmatchedRecord(at('00:00:05'), 'lamar_mlk', 'A'), unmatchedRecord(at('08:15:00'), 'lamar_6th', 'C')],
    matched: [matchedRecord('A', 'lamar_mlk', 'lamar_6th', at('00:00:05'), at('00:00:09')), matchedRecord('C', 'lamar_6th', 'lamar_mlk', at('08:15:00'), at('08:25:00'))],
    traf_match_summary: [summaryRecord('lamar_mlk', 'lamar_6th', at('00:15:00')), summaryRecord('lamar_6th', 'lamar_mlk', at('08:15:00'))],
  }[fileType];
  return standardizedFile(fileType, day, data);
}

interface Placed {
  variant: JsonVariant;
  fileType: BluetoothFileType;
  day: string;
}

describe('bt:ready on generated hostile standardized files', () => {
  let lake: BtTestLake;
  const placed: Placed[] = [];
  const goodDay = '2019-05-31';
  let result: StageResult;
  let leftovers: string[];
  let ready: Set<string>;

  beforeAll(async () => {
    lake = new BtTestLake();
    await lake.storeUnitData(unitDataSnapshot('2019-06-09', [btDevice('lamar_6th'), btDevice('lamar_mlk')]));
    const standardized = await lake.storage('standardized');
    let offset = 0;
    for (const [typeIndex, fileType] of TYPES.entries()) {
      const variants = jsonVariants(sampleFile(fileType, '2019-05-01'), { seed: 8_200 + typeIndex, perKind: 2, hugeStringLength: 1024 * 1024 });
      for (const variant of variants) {
        const day = new Date(Date.UTC(2019, 0, 1 + offset++)).toISOString().slice(0, 10);
        placed.push({ variant, fileType, day });
        for (const other of TYPES) {
          const body = other === fileType ? variant.bytes : Buffer.from(JSON.stringify(sampleFile(other, day)));
          await standardized.write(body, { base: 'Austin', ext: `${other}.json`, date: lake.day(day) });
        }
      }
    }
    for (const fileType of TYPES) await lake.writeJson('standardized', `${fileType}.json`, goodDay, sampleFile(fileType, goodDay));
    ({ value: result, leftovers } = await withPrivateTmp(() => lake.run(new BluetoothReady())));
    ready = new Set(await lake.catalogDays('ready'));
  }, 120_000);

  afterAll(async () => {
    await lake.dispose();
  });

  const fileNameOf = ({ day, fileType }: Placed) => `Austin_bt_${day}_${fileType}.json`;

  it('makes variants of every kind for every type', () => {
    expect(new Set(placed.map(({ variant }) => variant.kind))).toEqual(new Set(['non-finite', 'wrong-type', 'deep', 'deep-unclosed', 'huge-string', 'missing', 'truncate']));
    expect(placed.length).toBeGreaterThanOrEqual(3 * 12);
  });

  it('fails a hostile file with a LakeError naming it, or makes it ready; never both, never neither', () => {
    for (const failure of result.failures) {
      expect(failure.code).not.toBe('ERROR');
      expect(placed.some((entry) => failure.message.includes(fileNameOf(entry)) && failure.label.endsWith(fileNameOf(entry)))).toBe(true);
    }
    for (const entry of placed) {
      const failed = result.failures.some((failure) => failure.label.endsWith(fileNameOf(entry)));
      const made = ready.has(`${entry.fileType}.json ${entry.day}`);
      expect([entry.variant.name, failed, made]).toEqual([entry.variant.name, !made, !failed]);
      if (ALWAYS_FAILS.has(entry.variant.kind)) expect([entry.variant.name, failed]).toEqual([entry.variant.name, true]);
    }
  });

  it('reads bare NaN and Infinity as null', () => {
    const readable = placed.filter(({ variant }) => variant.kind === 'non-finite').filter((entry) => ready.has(`${entry.fileType}.json ${entry.day}`));
    expect(readable.length).toBeGreaterThan(0);
  });

  it('makes every untouched file of the run ready, the other files of a hostile file\'s day included', async () => {
    for (const fileType of TYPES) expect(ready.has(`${fileType}.json ${goodDay}`)).toBe(true);
    for (const { day, fileType } of placed) {
      for (const other of TYPES.filter((type) => type !== fileType)) expect([day, other, ready.has(`${other}.json ${day}`)]).toEqual([day, other, true]);
    }
    const good = (await lake.readJson('ready', 'unmatched.json', goodDay)) as { data: unknown[] };
    expect(good.data).toHaveLength(3);
  });

  it('writes ready files that read back whole, and nothing outside the lake home', async () => {
    for (const entry of placed.filter((candidate) => ready.has(`${candidate.fileType}.json ${candidate.day}`))) {
      const storage = await lake.storage('ready');
      const key = storage.key('Austin', `${entry.fileType}.json`, lake.day(entry.day));
      expect(await storage.readJson(key)).toMatchObject({ header: expect.any(Object), data: expect.any(Array) });
    }
    expect(leftovers).toEqual([]);
  });
});
