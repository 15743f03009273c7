import { parseCountsCsv } from './counts-csv';

describe('parseCountsCsv', () => {
  it('reads sensor,count lines after the header', () => {
    expect(parseCountsCsv('sensor,count\nlamar_6th,120\ncongress_5th,80\n', 'f.csv')).toEqual({
      records: [
        { sensor: 'lamar_6th', count: 120 },
        { sensor: 'congress_5th', count: 80 },
      ],
      problems: [],
    });
  });

  it('always skips the first line, whatever it holds', () => {
    expect(parseCountsCsv('a,1\nb,2', 'f.csv').records).toEqual([{ sensor: 'b', count: 2 }]);
  });

  it('skips blank and whitespace-only lines and reads CRLF files', () => {
    expect(parseCountsCsv('sensor,count\r\n\r\nx,1\r\n   \r\ny,0\r\n', 'f.csv')).toEqual({
      records: [
        { sensor: 'x', count: 1 },
        { sensor: 'y', count: 0 },
      ],
      problems: [],
    });
  });

  it('reports each bad line with its 1-based line number and keeps the good ones', () => {
    const text = ['sensor,count', 'a,1', 'b,not-a-number', 'c,', ',4', 'd', 'e,2.5', 'f,3'].join('\n');
    const parsed = parseCountsCsv(text, 'counts_2019-06-03.csv');
    expect(parsed.records).toEqual([
      { sensor: 'a', count: 1 },
      { sensor: 'f', count: 3 },
    ]);
    expect(parsed.problems).toEqual([
      'counts_2019-06-03.csv line 3: expected "sensor,count", got "b,not-a-number"',
      'counts_2019-06-03.csv line 4: expected "sensor,count", got "c,"',
      'counts_2019-06-03.csv line 5: expected "sensor,count", got ",4"',
      'counts_2019-06-03.csv line 6: expected "sensor,count", got "d"',
      'counts_2019-06-03.csv line 7: expected "sensor,count", got "e,2.5"',
    ]);
  });

  it('rejects lines with extra fields', () => {
    const parsed = parseCountsCsv('sensor,count\na,1,extra\nb,2,', 'f.csv');
    expect(parsed.records).toEqual([]);
    expect(parsed.problems).toEqual(['f.csv line 2: expected "sensor,count", got "a,1,extra"', 'f.csv line 3: expected "sensor,count", got "b,2,"']);
  });

  it('reads a space-padded count as its integer', () => {
    expect(parseCountsCsv('h\na, 7 ', 'f.csv').records).toEqual([{ sensor: 'a', count: 7 }]);
  });

  it('gives nothing for an empty file or a header alone', () => {
    expect(parseCountsCsv('', 'f.csv')).toEqual({ records: [], problems: [] });
    expect(parseCountsCsv('sensor,count\n', 'f.csv')).toEqual({ records: [], problems: [] });
  });
});
