// The one-pass AWAM → JSON writer against the general way it stands in for (csv reader, then
// standardizer, then JSON.stringify): same bytes, same problems, same reader tallies, whatever
// the lines hold and however the bytes are cut.
import { LakeTime } from '@lake/core';
import { AwamToStandardizedJson } from './awam-to-json';
import { COLUMNS, type BluetoothFileType, type BluetoothHeader } from './file-types';
import { RecordStandardizer, standardizeAwamBatches } from './standardize-records';
import { standardizedJsonBatchStream } from './standardized-json';
import { UnmatchedReaderTally } from './unmatched-reader-tally';

function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

const header: BluetoothHeader = {
  data_type: 'bluetooth',
  file_type: 'unmatched',
  origin_filename: 'Austin_bt_06-01-2019.txt',
  target_filename: 'Austin_bt_2019-06-01_unmatched.json',
  collection_date: '2019-06-01 00:00:00-05:00',
  processing_date: '2019-06-02 03:00:41.512000-05:00',
};

async function* chunks(bytes: Buffer, sizes: () => number): AsyncGenerator<Buffer> {
  for (let start = 0; start < bytes.length; ) {
    const size = Math.max(1, sizes());
    yield bytes.subarray(start, start + size);
    start += size;
  }
}

/** The bytes a line at a time, each with its line end. */
async function* lines(bytes: Buffer): AsyncGenerator<Buffer> {
  let start = 0;
  for (let index = 0; index < bytes.length; index++) {
    if (bytes[index] !== 0x0a && bytes[index] !== 0x0d) continue;
    yield bytes.subarray(start, index + 1);
    start = index + 1;
  }
  if (start < bytes.length) yield bytes.subarray(start);
}

async function collect(pieces: AsyncIterable<Buffer>): Promise<string> {
  const all: Buffer[] = [];
  for await (const piece of pieces) all.push(piece);
  return Buffer.concat(all).toString('utf8');
}

interface Outcome {
  json: string;
  records: number;
  counts: Map<string, number>;
  examples: string[];
  tallies: unknown[] | null;
}

/**
 * The general way: what bt:standard wrote before the one-pass writer. Fed a line at a time, it
 * notes problems in line order; fed bigger chunks, it noted a chunk's
 * csv problems before its value problems, so the first few examples could differ (never the
 * counts, the JSON or the tallies).
 */
async function generalWay(fileType: BluetoothFileType, bytes: Buffer, time: LakeTime): Promise<Outcome> {
  const standardizer = new RecordStandardizer(fileType, time);
  const tally = fileType === 'unmatched' ? new UnmatchedReaderTally() : null;
  let records = 0;
  async function* batches() {
    for await (const batch of standardizeAwamBatches(lines(bytes), standardizer)) {
      records += batch.length;
      if (tally) for (const record of batch) tally.add(record);
      yield batch;
    }
  }
  const json = await collect(standardizedJsonBatchStream(header, batches()) as AsyncIterable<Buffer>);
  return { json, records, counts: standardizer.problems.counts, examples: standardizer.problems.examples, tallies: tally?.tallies() ?? null };
}

async function onePass(fileType: BluetoothFileType, bytes: Buffer, time: LakeTime, sizes: () => number): Promise<Outcome> {
  const standardizer = new RecordStandardizer(fileType, time);
  const tally = fileType === 'unmatched' ? new UnmatchedReaderTally() : null;
  const writer = new AwamToStandardizedJson(standardizer, time, tally);
  const json = await collect(writer.pieces(header, chunks(bytes, sizes)));
  return { json, records: writer.records, counts: standardizer.problems.counts, examples: standardizer.problems.examples, tallies: tally?.tallies() ?? null };
}

// ------------------------------------------------------------------ lines, mostly usual

const READERS = ['lamar_6th', 'lamar_mlk', 'congress_38th', 'burnet_45th'];

function awamTime(random: () => number, withSeconds: boolean): string {
  const day = 1 + Math.floor(random() * 3);
  const hour = 1 + Math.floor(random() * 12);
  const minute = String(Math.floor(random() * 60)).padStart(2, '0');
  const second = String(Math.floor(random() * 60)).padStart(2, '0');
  return `6/${day}/2019 ${hour}:${minute}${withSeconds ? `:${second}` : ''} ${random() < 0.5 ? 'AM' : 'PM'}`;
}

/** Number texts of every shape: plain, trailing zeros, exponents, signs, too many digits, none. */
function numberText(random: () => number): string {
  const digits = (count: number) => Array.from({ length: count }, () => Math.floor(random() * 10)).join('');
  const shapes = [
    () => String(Math.floor(random() * 2000)),
    () => (random() * 100).toFixed(2),
    () => `${digits(1 + Math.floor(random() * 18))}.${digits(Math.floor(random() * 18))}`,
    () => `0.${'0'.repeat(Math.floor(random() * 9))}${digits(1 + Math.floor(random() * 4))}`,
    () => `-${(random() * 10).toFixed(Math.floor(random() * 4))}`,
    () => `${digits(1 + Math.floor(random() * 3))}e${random() < 0.5 ? '-' : ''}${digits(1 + Math.floor(random() * 2))}`,
    () => ['-0', '0', '00', '007', '.5', '5.', '+3', ' 12', '12 ', '1e400', 'nan', 'inf', '', '-', '1.2.3', '0.0', '-0.0', '1E5', '9007199254740993'][Math.floor(random() * 19)],
  ];
  return shapes[Math.floor(random() * shapes.length)]();
}

function usualValue(fileType: BluetoothFileType, column: string, random: () => number): string {
  if (column.endsWith('reader_id')) return READERS[Math.floor(random() * READERS.length)];
  if (column === 'host_timestamp' || column === 'field_timestamp' || column === 'start_time' || column === 'end_time') return awamTime(random, true);
  if (column === 'timestamp') return awamTime(random, random() < 0.8 ? false : true);
  if (column === 'ip_address') return `10.1.2.${Math.floor(random() * 255)}`;
  if (column === 'dev_addr') return Buffer.from([random() * 256, random() * 256, random() * 256, random() * 256, random() * 256]).toString('base64');
  if (column === 'match_validity') return random() < 0.9 ? 'Y' : 'N';
  if (fileType !== 'unmatched' && /secs|speed|filter|length|avg|interval|samples|std/.test(column)) return numberText(random);
  return ['NB', 'Lamar Blvd', '6th St', 'x'][Math.floor(random() * 4)];
}

/** What may replace a value now and then: everything the usual way must leave to the general way. */
const ODD_VALUES = [
  '', ' ', 'é', '漢😀', '"quoted, with comma"', '"a ""b"" c"', 'x"y', 'a\\b', '\u0001', 'tab\there', 'nan', '"open\r\nline"',
  '6/1/2019 13:00:00 PM', '11/3/2019 1:30:00 AM', '3/10/2019 2:30:00 AM', '06/01/2019 01:05:03 pm', '6/1/2019  1:05:03 PM', '6/1/2019 1:00 AM',
  '2/29/2019 1:00:00 AM', '6/1/2019 1:00:00 AMX', '\u2028', '\ud83d',
];

/** An AWAM file of `fileType`: usual lines, with odd values, field counts, line ends and bytes. */
function awamBytes(fileType: BluetoothFileType, seed: number, lines: number): Buffer {
  const random = generator(seed);
  const columns = COLUMNS[fileType];
  const ends = ['\r\n', '\r\n', '\r\n', '\n', '\r'];
  const parts: Buffer[] = [];
  for (let line = 0; line < lines; line++) {
    if (random() < 0.03) {
      parts.push(Buffer.from(ends[Math.floor(random() * ends.length)]));
      continue;
    }
    const values = columns.map((column) => (random() < 0.04 ? ODD_VALUES[Math.floor(random() * ODD_VALUES.length)] : usualValue(fileType, column, random)));
    if (random() < 0.02) values.pop();
    if (random() < 0.02) values.push('extra');
    let text = values.join(',');
    if (random() < 0.01) text = ' '.repeat(Math.floor(random() * 3)) + text;
    const bytes = Buffer.from(text + ends[Math.floor(random() * ends.length)], 'utf8');
    // Now and then bytes that are no UTF-8 at all.
    if (random() < 0.01) bytes[Math.floor(random() * (bytes.length - 2))] = 0xff;
    parts.push(bytes);
  }
  if (random() < 0.5) parts.push(Buffer.from(columns.map((column) => usualValue(fileType, column, random)).join(',')));
  return Buffer.concat(parts);
}

describe('AwamToStandardizedJson', () => {
  const time = new LakeTime('America/Chicago');

  it.each(['unmatched', 'matched', 'traf_match_summary'] as const)('writes what the general way writes, with its problems and tallies, however the bytes come (%s)', async (fileType) => {
    for (let seed = 1; seed <= 3; seed++) {
      const bytes = awamBytes(fileType, seed * 101 + fileType.length, 1200);
      const expected = await generalWay(fileType, bytes, time);
      expect(expected.records).toBeGreaterThan(1000);
      const random = generator(seed);
      const sizes = [() => bytes.length, () => 65536, () => 1 + Math.floor(random() * 300)];
      // One byte at a time (no line ever complete in a chunk): slow, so once.
      if (seed === 1) sizes.push(() => 1);
      for (const size of sizes) expect(await onePass(fileType, bytes, time, size)).toEqual(expected);
    }
  });

  it('writes numbers as JSON.stringify does, copied or read', async () => {
    const random = generator(5);
    const lines = Array.from({ length: 4000 }, () => `d,a,b,6/1/2019 1:00:00 AM,6/1/2019 1:00:09 AM,${numberText(random)},${numberText(random)},Y,${numberText(random)}`);
    const bytes = Buffer.from(`${lines.join('\r\n')}\r\n`);
    expect(await onePass('matched', bytes, time, () => 4096)).toEqual(await generalWay('matched', bytes, time));
  });

  it('writes clock-change days (read through LakeTime) as the general way does', async () => {
    const random = generator(9);
    const lines: string[] = [];
    for (const day of ['11/2/2019', '11/3/2019', '11/4/2019', '3/10/2019', '6/1/2019']) {
      for (let hour = 1; hour <= 12; hour++) {
        const at = `${day} ${hour}:${String(Math.floor(random() * 60)).padStart(2, '0')}:07 ${random() < 0.5 ? 'AM' : 'PM'}`;
        lines.push(`${at},10.0.0.1,${at},lamar_6th,QUJD`);
      }
    }
    const bytes = Buffer.from(`${lines.join('\n')}\n`);
    const expected = await generalWay('unmatched', bytes, time);
    expect(await onePass('unmatched', bytes, time, () => 100)).toEqual(expected);
    const fallBackDay = JSON.parse(expected.json).data.map((record: { host_timestamp: string }) => record.host_timestamp).filter((text: string) => text.startsWith('2019-11-03'));
    expect(fallBackDay.some((text: string) => text.endsWith('-05:00'))).toBe(true);
    expect(fallBackDay.some((text: string) => text.endsWith('-06:00'))).toBe(true);
  });

  it('does not wait for the end of a line longer than a megabyte, and reads it as the general way does', async () => {
    const huge = `${','.repeat(1_500_000)}\r\n`;
    const usual = '6/1/2019 1:00:00 AM,10.0.0.1,6/1/2019 1:00:00 AM,lamar_6th,QUJD\r\n';
    const bytes = Buffer.from(usual + huge + usual + `"${'x'.repeat(1_200_000)}"\r\n` + usual);
    const expected = await generalWay('unmatched', bytes, time);
    expect(expected.counts).toEqual(new Map([['too-many-fields', 1], ['field-too-long', 1]]));
    expect(await onePass('unmatched', bytes, time, () => 65536)).toEqual(expected);
  });

  it('writes an empty file as the general way does', async () => {
    for (const text of ['', '\r\n', '\n\n\r']) {
      const bytes = Buffer.from(text);
      expect(await onePass('unmatched', bytes, time, () => 1)).toEqual(await generalWay('unmatched', bytes, time));
    }
  });

  it('streams: every output piece is at most a megabyte', async () => {
    const bytes = awamBytes('unmatched', 77, 30_000);
    const writer = new AwamToStandardizedJson(new RecordStandardizer('unmatched', time), time);
    let pieces = 0;
    for await (const piece of writer.pieces(header, chunks(bytes, () => 65536))) {
      expect(piece.length).toBeLessThanOrEqual(1024 * 1024);
      pieces++;
    }
    expect(pieces).toBeGreaterThan(2);
  });
  describe('a file without one well-formed record (hostile-input suite)', () => {
    const time = new LakeTime('America/Chicago');
    const write = (text: string | Buffer) => collect(new AwamToStandardizedJson(new RecordStandardizer('unmatched', time), time).pieces(header, chunks(Buffer.from(text), () => 7)));

    it('fails with BT_NOT_AWAM naming the file: another delimiter, binary bytes', async () => {
      await expect(write('6/1/2019 1:00:00 AM;a;6/1/2019 1:00:00 AM;r;d\n6/1/2019 1:00:01 AM;a;6/1/2019 1:00:01 AM;r;d\n')).rejects.toMatchObject({
        code: 'BT_NOT_AWAM',
        message: expect.stringMatching(/^Austin_bt_06-01-2019\.txt: not one record has the layout of an AWAM unmatched file \(2 bad times, 2 short lines; line 1: /),
      });
      await expect(write(Buffer.from([0xff, 0x00, 0x2c, 0x0a, 0x81, 0x2c, 0x2c, 0x2c, 0x2c, 0x0a]))).rejects.toMatchObject({ code: 'BT_NOT_AWAM' });
    });

    it('keeps a file with one well-formed record, and one whose only problems are values', async () => {
      expect(await write('x;y\n6/1/2019 1:00:00 AM,a,6/1/2019 1:00:00 AM,r,d\n')).toContain('"reader_id":"r"');
      expect(await write('bad,a,bad,r,d\n')).toContain('"host_timestamp":null');
      expect(await write('')).toContain('"data":[]');
      expect(await write('\n\r\n')).toContain('"data":[]');
    });
  });
});
