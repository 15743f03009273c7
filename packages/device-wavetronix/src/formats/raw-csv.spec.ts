import { RAW_CSV_HEADER, RawCsvWriter, csvLine, integerText, wallTimeText } from './raw-csv';

const ROW = {
  detID: 2,
  intID: 1,
  curDate: new Date('2020-09-13T00:00:00Z'),
  curDateTime: new Date('2020-09-13T00:15:00Z'), // the wall clock, as the driver hands it over with useUTC
  intName: 'LAMARMANCHACA',
  detName: 'NB_in',
  volume: 19,
  occupancy: 0,
  speed: 34,
  status: 'Working',
  uploadSuccess: 100,
  detCountComparison: 1,
  dailyCumulative: 19,
};

describe('the raw day CSV', () => {
  it('writes the header and one CRLF line per row, in the original column order', () => {
    const writer = new RawCsvWriter();
    expect(RAW_CSV_HEADER + writer.line(ROW)).toBe(
      'detID,intID,curDateTime,intName,detName,volume,occupancy,speed,status,uploadSuccess,detCountComparison,dailyCumulative\r\n' +
        '2,1,2020-09-13 00:15:00,LAMARMANCHACA,NB_in,19,0,34,Working,100,1,19\r\n',
    );
    expect(writer.rows).toBe(1);
    expect(writer.summary()).toBeNull();
  });

  it('quotes only fields with a comma, a quote or a line break', () => {
    expect(csvLine(['LAMAR, N', 'say "hi"', 'two\nlines', 'cr\r', 'plain', ''])).toBe('"LAMAR, N","say ""hi""","two\nlines","cr\r",plain,\r\n');
  });

  it('writes NULLs as empty fields and counts the integers it had to leave empty (W-5)', () => {
    const writer = new RawCsvWriter();
    const line = writer.line({ ...ROW, volume: null, speed: null, intName: null, status: undefined, curDateTime: null });
    expect(line).toBe('2,1,,,NB_in,,0,,,100,1,19\r\n');
    expect(writer.summary()).toBe('1 empty curDateTime, 1 empty volume, 1 empty speed');
  });

  it('reads integers as Python int() did: decimals truncate, BIGINT text stays exact', () => {
    expect(integerText(19)).toBe('19');
    expect(integerText(19.9)).toBe('19');
    expect(integerText(-0.5)).toBe('0');
    expect(integerText('9007199254740993')).toBe('9007199254740993');
    expect(integerText(' 42 ')).toBe('42');
    expect(integerText('12.5')).toBe('12');
    expect(integerText(true)).toBe('1');
    expect(integerText('abc')).toBeNull();
    expect(integerText('')).toBeNull();
    expect(integerText(Number.NaN)).toBeNull();
    expect(integerText(null)).toBeNull();
  });

  it('writes the stored wall clock of CURDATETIME without offset or fraction, whatever the host zone', () => {
    expect(wallTimeText(new Date('2020-11-01T01:30:00.997Z'))).toBe('2020-11-01 01:30:00');
    expect(wallTimeText('2020-11-01T01:30:00')).toBe('2020-11-01 01:30:00');
    expect(wallTimeText('yesterday')).toBeNull();
    expect(wallTimeText(new Date(Number.NaN))).toBeNull();
  });
  // Found by the hostile-input suite: a Date past year 9999 was written as `+275760-09-13 00:00`.
  it('leaves a CURDATETIME outside years 0000-9999 or invalid empty, and counts it', () => {
    const writer = new RawCsvWriter();
    for (const value of [new Date(8.64e15), new Date(-8.64e15), new Date(Date.UTC(-1, 0, 1)), new Date(Number.NaN)]) expect(wallTimeText(value)).toBeNull();
    expect(writer.line({ curDateTime: new Date(8.64e15) })).toBe(',,,,,,,,,,,\r\n');
    expect(writer.summary()).toContain('1 empty curDateTime');
  });
});
