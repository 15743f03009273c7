// The fast paths of the AWAM formats against the straightforward ways they replace: the bytes out
// must not change, only the time it takes.
import { LakeTime } from '@lake/core';
import { readAwamRecords, readAwamRecordBatches } from './awam-csv';
import { AwamTimeText, parseAwamTime, type AwamTimeFormat } from './awam-time';
import { RecordStandardizer, standardizeAwamBatches, standardizeAwamFile } from './standardize-records';
import { standardizedJsonBatchStream, standardizedJsonStream } from './standardized-json';
import type { BluetoothHeader } from './file-types';

function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

async function* chunks(text: string, sizes: () => number): AsyncGenerator<Buffer> {
  const bytes = Buffer.from(text, 'utf8');
  for (let start = 0; start < bytes.length; ) {
    const size = Math.max(1, sizes());
    yield bytes.subarray(start, start + size);
    start += size;
  }
}

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const found: T[] = [];
  for await (const item of items) found.push(item);
  return found;
}

describe('AwamTimeText', () => {
  const reference = (text: string, format: AwamTimeFormat, time: LakeTime) => {
    const instant = parseAwamTime(text, format, time);
    return instant && time.format(instant);
  };

  it.each(['America/Chicago', 'Australia/Lord_Howe', 'Europe/London'])('gives LakeTime\'s text for every hour of clock-change weeks and random days (%s)', (zone) => {
    const time = new LakeTime(zone);
    const random = generator(zone.length);
    const days: [number, number, number][] = [];
    for (const [year, month, first] of [[2019, 3, 7], [2019, 11, 1], [2019, 4, 4], [2019, 10, 3], [2019, 3, 28], [2019, 10, 25], [2020, 2, 27]]) {
      for (let offset = 0; offset < 6; offset++) {
        const date = new Date(Date.UTC(year, month - 1, first + offset));
        days.push([date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()]);
      }
    }
    for (let n = 0; n < 8; n++) days.push([2000 + Math.floor(random() * 30), 1 + Math.floor(random() * 12), 1 + Math.floor(random() * 28)]);
    const long = new AwamTimeText(time, 'long');
    const short = new AwamTimeText(time, 'short');
    for (const [year, month, day] of days) {
      for (let hour = 0; hour < 24; hour++) {
        for (const minute of [0, 30, 59]) {
          const hour12 = hour % 12 === 0 ? 12 : hour % 12;
          const meridiem = hour < 12 ? 'AM' : 'PM';
          const second = Math.floor(random() * 60);
          const longText = `${month}/${day}/${year} ${hour12}:${String(minute).padStart(2, '0')}:${String(second).padStart(2, '0')} ${meridiem}`;
          const shortText = `${month}/${day}/${year} ${hour12}:${String(minute).padStart(2, '0')} ${meridiem}`;
          expect(long.convert(longText)).toBe(reference(longText, 'long', time));
          expect(short.convert(shortText)).toBe(reference(shortText, 'short', time));
          expect(short.convert(longText)).toBe(reference(longText, 'short', time));
        }
      }
    }
  });

  it('gives parseAwamTime\'s answer for odd and bad spellings', () => {
    const time = new LakeTime('America/Chicago');
    const texts = [
      '06/01/2019 01:05:03 pm', '6/1/2019 1:5:3 PM', '6/1/2019  1:05:03 \t PM', '6/ 3/2019 1:00:00 AM', ' 6/1/2019 1:00:00 AM', '6/1/2019 1:00:00 AM ',
      '6/1/2019 0:00:00 AM', '6/1/2019 13:00:00 PM', '6/1/2019 1:60:00 AM', '6/1/2019 1:00:60 AM', '2/29/2019 1:00:00 AM', '2/29/2020 1:00:00 AM',
      '2/30/2020 1:00:00 AM', '4/31/2019 1:00:00 AM', '0/1/2019 1:00:00 AM', '13/1/2019 1:00:00 AM', '6/0/2019 1:00:00 AM', '6/32/2019 1:00:00 AM',
      '6/1/0099 1:00:00 AM', '6/1/19 1:00:00 AM', '6/1/20190 1:00:00 AM', '6/1/2019 1:00:00 XM', '6/1/2019 1:00:00 A', '6/1/2019 1:00:00 AMX',
      '6/1/2019 12:00 AM', '6/1/2019 1:00:00', '', 'nan', '6/1/2019 1:00:00 am', '6/1/2019 1:00:00 Pm', '11/3/2019 1:30:00 AM', '3/10/2019 2:30:00 AM',
      '6/1/2019 01:00:00 AM', '6/1/2019 1:0:00 AM', '006/1/2019 1:00:00 AM', '6/1/2019 001:00:00 AM', '6/1/2019\u00a01:00:00 AM',
    ];
    for (const format of ['long', 'short'] as const) {
      const converter = new AwamTimeText(time, format);
      for (const text of texts) expect([format, text, converter.convert(text)]).toEqual([format, text, reference(text, format, time)]);
    }
  });
});

describe('the AWAM record fast path', () => {
  /** Lines of every kind: plain, quoted, blank, CR / LF / CRLF ends, long, multi-byte. */
  function awamText(seed: number): string {
    const random = generator(seed);
    const pieces = ['6/1/2019 12:00:05 AM', '10.1.2.3', 'lamar_6th', 'QUJD', '', ' ', 'é漢😀', '"quoted, with comma"', '"a ""b"" c"', 'x"y', '"open\r\nline"', '\u0000'];
    const ends = ['\r\n', '\n', '\r', '\r\n', '\r\n'];
    let text = '';
    for (let line = 0; line < 400; line++) {
      if (random() < 0.05) {
        text += ends[Math.floor(random() * ends.length)];
        continue;
      }
      const count = 1 + Math.floor(random() * 7);
      text += Array.from({ length: count }, () => pieces[Math.floor(random() * pieces.length)]).join(',') + ends[Math.floor(random() * ends.length)];
    }
    return text + (random() < 0.5 ? 'last,line' : '');
  }

  it('reads the same records from whole text as from one-byte pieces (where no line is ever complete)', async () => {
    for (let seed = 1; seed <= 5; seed++) {
      const text = awamText(seed);
      const random = generator(seed * 31);
      const whole = await all(readAwamRecords(chunks(text, () => text.length * 4)));
      expect(await all(readAwamRecords(chunks(text, () => 1)))).toEqual(whole);
      expect(await all(readAwamRecords(chunks(text, () => Math.floor(random() * 200))))).toEqual(whole);
      expect((await all(readAwamRecordBatches(chunks(text, () => 97)))).flat()).toEqual(whole);
    }
  });

  it('writes the same standardized JSON in batches as record by record', async () => {
    const time = new LakeTime('America/Chicago');
    const header = { data_type: 'bluetooth', file_type: 'unmatched', origin_filename: 'a', target_filename: 'b', collection_date: 'c', processing_date: 'd' } as BluetoothHeader;
    const lines = Array.from({ length: 3000 }, (_, index) => `6/1/2019 ${1 + (index % 12)}:0${index % 10}:1${index % 10} ${index % 2 ? 'AM' : 'PM'},10.1.2.${index % 7},bad time,"reader, ${index % 5}",addr${index}${index % 9 === 0 ? ',extra' : ''}`);
    const text = `${lines.join('\r\n')}\r\n`;
    const read = async (stream: NodeJS.ReadableStream) => Buffer.concat(await all(stream as AsyncIterable<Buffer>)).toString('utf8');
    const oneByOne = await read(standardizedJsonStream(header, standardizeAwamFile(chunks(text, () => 1000), new RecordStandardizer('unmatched', time))));
    const batched = await read(standardizedJsonBatchStream(header, standardizeAwamBatches(chunks(text, () => 65536), new RecordStandardizer('unmatched', time))));
    expect(batched).toBe(oneByOne);
    expect(JSON.parse(batched).data).toHaveLength(3000);
  });
});
