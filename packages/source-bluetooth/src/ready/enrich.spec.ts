import { bluetoothDeviceId } from './device-id';
import { enrichStandardized } from './enrich';
import { btDevice, matchedRecord, standardizedFile, summaryRecord, unmatchedRecord } from '../test-support/ready-fixtures';

const NOW = '2019-06-10 05:00:00-05:00';
const DAY = '2019-06-01';
const t = (wall: string) => `${DAY} ${wall}-05:00`;

const lamar6th = btDevice('lamar_6th');
const lamarMlk = btDevice('lamar_mlk');
const congress5th = btDevice('congress_5th');
const id = (device: Record<string, unknown>) => bluetoothDeviceId(device);

describe('enrichStandardized', () => {
  it('keeps the header but for a new processing date, in its place', () => {
    const file = standardizedFile('unmatched', DAY, []);
    const { ready } = enrichStandardized(file, [], { fileType: 'unmatched', processingDate: NOW });
    expect(Object.keys(ready.header)).toEqual(Object.keys(file.header));
    expect(ready.header).toEqual({ ...file.header, processing_date: NOW });
  });

  it('adds device_id after the original keys of an IAF record', () => {
    const record = unmatchedRecord(t('00:00:05'), 'lamar_6th', 'QUJD');
    const { ready } = enrichStandardized(standardizedFile('unmatched', DAY, [record]), [lamar6th], { fileType: 'unmatched', processingDate: NOW });
    expect(ready.data).toEqual([{ ...record, device_id: id(lamar6th) }]);
    expect(Object.keys(ready.data[0])).toEqual([...Object.keys(record), 'device_id']);
  });

  it('drops and counts IAF records whose reader is unknown, including a case mismatch', () => {
    const records = [
      unmatchedRecord(t('00:00:01'), 'lamar_6th', 'A'),
      unmatchedRecord(t('00:00:02'), 'Lamar_6th', 'B'),
      unmatchedRecord(t('00:00:03'), 'nowhere', 'C'),
      unmatchedRecord(t('00:00:04'), 'nowhere', 'D'),
      unmatchedRecord(t('00:00:05'), null, 'E'),
    ];
    const { ready, report } = enrichStandardized(standardizedFile('unmatched', DAY, records), [lamar6th], { fileType: 'unmatched', processingDate: NOW });
    expect(ready.data.map((row) => row.dev_addr)).toEqual(['A']);
    expect(report).toMatchObject({
      rowsIn: 5,
      rowsOut: 1,
      dropped: { unknown_reader: 3, no_reader: 1, unknown_origin: 0, unknown_destination: 0, unknown_origin_and_destination: 0 },
      unknownReaders: ['Lamar_6th', 'nowhere'],
    });
  });

  it('requires both ends of an ITMF or TMSR record to be known', () => {
    const records = [
      matchedRecord('A', 'lamar_mlk', 'lamar_6th', t('00:01:00'), t('00:02:00')),
      matchedRecord('B', 'lost', 'lamar_6th', t('00:01:00'), t('00:02:00')),
      matchedRecord('C', 'lamar_mlk', 'gone', t('00:01:00'), t('00:02:00')),
      matchedRecord('D', 'lost', 'gone', t('00:01:00'), t('00:02:00')),
    ];
    const { ready, report } = enrichStandardized(standardizedFile('matched', DAY, records), [lamar6th, lamarMlk], { fileType: 'matched', processingDate: NOW });
    expect(ready.data).toEqual([{ ...records[0], origin_device_id: id(lamarMlk), dest_device_id: id(lamar6th) }]);
    expect(report.dropped).toMatchObject({ unknown_origin: 1, unknown_destination: 1, unknown_origin_and_destination: 1 });
    expect(report.unknownReaders).toEqual(['gone', 'lost']);

    const summary = [summaryRecord('lamar_mlk', 'lamar_6th', t('00:15:00')), summaryRecord('lamar_mlk', 'elsewhere', t('00:15:00'))];
    const tmsr = enrichStandardized(standardizedFile('traf_match_summary', DAY, summary), [lamar6th, lamarMlk], { fileType: 'traf_match_summary', processingDate: NOW });
    expect(tmsr.ready.data).toEqual([{ ...summary[0], origin_device_id: id(lamarMlk), dest_device_id: id(lamar6th) }]);
    expect(tmsr.report.dropped.unknown_destination).toBe(1);
  });

  it('joins a device name listed twice once, to the first device, and reports it (B-6 fixed)', () => {
    const twin = btDevice('lamar_6th', { device_ip: '172.16.9.9' });
    const record = unmatchedRecord(t('00:00:05'), 'lamar_6th', 'A');
    const { ready, report } = enrichStandardized(standardizedFile('unmatched', DAY, [record]), [lamar6th, twin], { fileType: 'unmatched', processingDate: NOW });
    expect(ready.data).toEqual([{ ...record, device_id: id(lamar6th) }]);
    expect(ready.devices).toEqual([{ ...lamar6th, device_id: id(lamar6th) }]);
    expect(report.duplicateDeviceNames).toEqual(['lamar_6th']);
  });

  it('sorts IAF records by host time then reader, missing times last, ties in input order', () => {
    const records = [
      unmatchedRecord(null, 'lamar_6th', 'null-time'),
      unmatchedRecord(t('00:00:09'), 'lamar_6th', 'late'),
      unmatchedRecord(t('00:00:01'), 'lamar_mlk', 'early-mlk'),
      unmatchedRecord(t('00:00:01'), 'lamar_6th', 'early-6th-first'),
      unmatchedRecord(t('00:00:01'), 'lamar_6th', 'early-6th-second'),
    ];
    const { ready } = enrichStandardized(standardizedFile('unmatched', DAY, records), [lamar6th, lamarMlk], { fileType: 'unmatched', processingDate: NOW });
    expect(ready.data.map((row) => row.dev_addr)).toEqual(['early-6th-first', 'early-6th-second', 'early-mlk', 'late', 'null-time']);
  });

  it('sorts ITMF records by start time, origin, destination', () => {
    const records = [
      matchedRecord('3', 'lamar_mlk', 'lamar_6th', t('00:05:00'), t('00:06:00')),
      matchedRecord('2', 'lamar_mlk', 'lamar_6th', t('00:01:00'), t('00:06:00')),
      matchedRecord('1', 'lamar_6th', 'lamar_mlk', t('00:01:00'), t('00:06:00')),
      matchedRecord('4', 'lamar_6th', 'lamar_mlk', null, t('00:06:00')),
    ];
    const { ready } = enrichStandardized(standardizedFile('matched', DAY, records), [lamar6th, lamarMlk], { fileType: 'matched', processingDate: NOW });
    expect(ready.data.map((row) => row.dev_addr)).toEqual(['1', '2', '3', '4']);
  });

  it('embeds only the devices records refer to, in unit-data order, each with its device_id', () => {
    const records = [matchedRecord('A', 'lamar_6th', 'lamar_mlk', t('00:01:00'), t('00:02:00'))];
    const { ready } = enrichStandardized(standardizedFile('matched', DAY, records), [lamarMlk, congress5th, lamar6th], { fileType: 'matched', processingDate: NOW });
    expect(ready.devices).toEqual([
      { ...lamarMlk, device_id: id(lamarMlk) },
      { ...lamar6th, device_id: id(lamar6th) },
    ]);
    expect(Object.keys(ready.devices[0]).at(-1)).toBe('device_id');
  });

  it('makes a file with empty data and devices from an empty file or an empty join (B-8 decision)', () => {
    const empty = enrichStandardized(standardizedFile('unmatched', DAY, []), [lamar6th], { fileType: 'unmatched', processingDate: NOW });
    expect(empty.ready).toMatchObject({ data: [], devices: [] });
    const noneKnown = enrichStandardized(standardizedFile('unmatched', DAY, [unmatchedRecord(t('00:00:01'), 'x', 'A')]), [], { fileType: 'unmatched', processingDate: NOW });
    expect(noneKnown.ready).toMatchObject({ data: [], devices: [] });
    expect(noneKnown.report.dropped.unknown_reader).toBe(1);
  });
});
