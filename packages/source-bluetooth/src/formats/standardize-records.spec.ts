import { Readable } from 'node:stream';
import { LakeTime } from '@lake/core';
import { RecordStandardizer, StandardizeProblems, standardizeAwamFile } from './standardize-records';
import type { BluetoothFileType, BluetoothRecord } from './file-types';
import { AWAM_LINES } from '../test-support/awam-files';

const time = new LakeTime('America/Chicago');

async function standardize(fileType: BluetoothFileType, content: string | Buffer, maxExamples?: number) {
  const standardizer = new RecordStandardizer(fileType, time, new StandardizeProblems(maxExamples));
  const records: BluetoothRecord[] = [];
  for await (const record of standardizeAwamFile(Readable.from([Buffer.from(content)]), standardizer)) records.push(record);
  return { records, problems: standardizer.problems };
}

describe('standardizing AWAM records', () => {
  it('maps an IAF line to its columns in order (the documented example)', async () => {
    const { records, problems } = await standardize('unmatched', `${AWAM_LINES.unmatched}\r\n`);
    expect(records).toEqual([
      {
        host_timestamp: '2019-06-01 00:00:05-05:00',
        ip_address: '10.1.2.3',
        field_timestamp: '2019-05-31 23:59:58-05:00',
        reader_id: 'lamar_6th',
        dev_addr: 'QUJDREVG',
      },
    ]);
    expect(Object.keys(records[0])).toEqual(['host_timestamp', 'ip_address', 'field_timestamp', 'reader_id', 'dev_addr']);
    expect(problems.total).toBe(0);
    expect(problems.summary('x.txt')).toBeNull();
  });

  it('maps an ITMF line, numbers as JSON numbers', async () => {
    const { records } = await standardize('matched', `${AWAM_LINES.matched}\n`);
    expect(records).toEqual([
      {
        dev_addr: 'QUJDREVG',
        origin_reader_id: 'lamar_mlk',
        dest_reader_id: 'lamar_6th',
        start_time: '2019-05-31 23:48:20-05:00',
        end_time: '2019-05-31 23:59:46-05:00',
        travel_time_secs: 686,
        speed: 3.31,
        match_validity: 'Y',
        filter_id: 1,
      },
    ]);
  });

  it('maps a TMSR line with its short time', async () => {
    const { records } = await standardize('traf_match_summary', `${AWAM_LINES.traf_match_summary}\n`);
    expect(records).toEqual([
      {
        origin_reader_id: '51st_springdale',
        dest_reader_id: '51st_manor',
        origin_road: '51st St',
        origin_cross_st: 'Springdale Rd',
        origin_dir: 'EB',
        dest_road: '51st St',
        dest_cross_st: 'Manor Rd',
        dest_dir: 'EB',
        seg_length: 0.633,
        timestamp: '2019-06-01 00:00:00-05:00',
        avg_travel_time: 50,
        avg_speed: 45.6,
        interval: 15,
        samples: 12,
        std_dev: 3.2,
      },
    ]);
  });

  it('keeps other values as their exact text', async () => {
    const { records } = await standardize('unmatched', '6/1/2019 1:00:00 AM,-1, 6/1/2019 1:00:00 AM,0.633, x\n');
    expect(records[0]).toMatchObject({ ip_address: '-1', field_timestamp: null, reader_id: '0.633', dev_addr: ' x' });
  });

  it('turns bad, empty or padded times into null and counts them', async () => {
    const lines = [
      '6/1/2019 12:30:00 pm,a,6/1/2019  1:00:00 AM,r,d',
      ' 6/1/2019 1:00:00 AM,a,2019-06-01 01:00:00,r,d',
      ',a,6/1/2019 1:00:00 AM ,r,d',
    ];
    const { records, problems } = await standardize('unmatched', lines.join('\n'));
    expect(records.map((record) => [record.host_timestamp, record.field_timestamp])).toEqual([
      ['2019-06-01 12:30:00-05:00', '2019-06-01 01:00:00-05:00'],
      [null, null],
      [null, null],
    ]);
    expect(problems.counts.get('bad-time')).toBe(4);
    expect(problems.summary('Austin_bt_2019-06-01_unmatched.txt')).toBe('Austin_bt_2019-06-01_unmatched.txt: 4 bad times');
    expect(problems.examples[0]).toBe('line 2: host_timestamp " 6/1/2019 1:00:00 AM" is not a long AWAM time');
  });

  it('reads DST times the way upstream did', async () => {
    const { records } = await standardize('unmatched', '11/1/2020 1:30:00 AM,a,3/8/2020 2:30:00 AM,r,d\n');
    expect(records[0].host_timestamp).toBe('2020-11-01 01:30:00-06:00');
    // 02:30 does not exist that night: the instant is 08:30Z, written in the offset then in force.
    expect(time.parse(records[0].field_timestamp as string).toISOString()).toBe('2020-03-08T08:30:00.000Z');
  });

  it('fills short lines with null and keeps extras of long lines under "null"', async () => {
    const { records, problems } = await standardize('unmatched', '6/1/2019 1:00:00 AM,a\n6/1/2019 1:00:00 AM,a,6/1/2019 1:00:00 AM,r,d,e1,e2\n');
    expect(records[0]).toEqual({ host_timestamp: '2019-06-01 01:00:00-05:00', ip_address: 'a', field_timestamp: null, reader_id: null, dev_addr: null });
    expect(records[1]).toEqual({
      host_timestamp: '2019-06-01 01:00:00-05:00',
      ip_address: 'a',
      field_timestamp: '2019-06-01 01:00:00-05:00',
      reader_id: 'r',
      dev_addr: 'd',
      null: ['e1', 'e2'],
    });
    expect(Object.keys(records[1]).at(-1)).toBe('null');
    expect(problems.summary('f.txt')).toBe('f.txt: 1 short line, 1 long line');
  });

  it('turns blank or non-numeric numbers into null and counts them', async () => {
    const { records, problems } = await standardize('matched', 'd,o,e,,,,abc,Y,1e3\nd,o,e,,, 12 ,nan,Y,-0.5\n');
    expect(records.map((record) => [record.travel_time_secs, record.speed, record.filter_id])).toEqual([
      [null, null, 1000],
      [12, null, -0.5],
    ]);
    expect(problems.counts.get('bad-number')).toBe(3);
    expect(problems.counts.get('bad-time')).toBe(4);
  });

  it('keeps only the first few examples but counts every problem', async () => {
    const { problems } = await standardize('unmatched', 'x\n'.repeat(20), 3);
    expect(problems.counts.get('short-line')).toBe(20);
    expect(problems.counts.get('bad-time')).toBe(20);
    expect(problems.examples).toHaveLength(3);
  });

  it('reports reading problems with the others', async () => {
    const content = Buffer.concat([Buffer.from('6/1/2019 1:00:00 AM,a,6/1/2019 1:00:00 AM,r,'), Buffer.from([0xc3, 0x28]), Buffer.from('\n')]);
    const { records, problems } = await standardize('unmatched', content);
    expect(records[0].dev_addr).toBe('\ufffd(');
    expect(problems.summary('f.txt')).toBe('f.txt: 1 line with invalid UTF-8');
  });
  it('keeps a NUL character but counts the record (hostile-input suite)', async () => {
    const { records, problems } = await standardize('unmatched', `${AWAM_LINES.unmatched}\n6/1/2019 1:00:00 AM,a,6/1/2019 1:00:00 AM,r\u0000x,d\n`);
    expect(records[1].reader_id).toBe('r\u0000x');
    expect(problems.summary('f.txt')).toBe('f.txt: 1 record with a NUL character');
    expect(problems.examples).toEqual(['line 2: a NUL character, kept']);
  });
});
