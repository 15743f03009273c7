import { LakeTime } from '@lake/core';
import { nullEndBound, textFilter } from './catalog-filters';

describe('textFilter', () => {
  it('sends a value without the marker as eq, whatever it holds', () => {
    expect(textFilter('unit_data.json')).toEqual({ param: 'eq.unit_data.json', matches: null });
    expect(textFilter('50%')).toEqual({ param: 'eq.50%', matches: null });
    expect(textFilter('')).toEqual({ param: 'eq.', matches: null });
  });

  it('sends %% as PostgREST’s * and escapes LIKE’s own wildcards', () => {
    expect(textFilter('%%.json')).toEqual({ param: 'like.*.json', matches: null });
    expect(textFilter('unit_%%')).toEqual({ param: 'like.unit\\_*', matches: null });
    expect(textFilter('50%%%')).toEqual({ param: 'like.50*\\%', matches: null });
    expect(textFilter('a\\b%%')).toEqual({ param: 'like.a\\\\b*', matches: null });
  });

  it('sends a literal * as one-character _ and checks rows exactly', () => {
    const filter = textFilter('a*%%');
    expect(filter.param).toBe('like.a_*');
    expect(filter.matches?.('a*b')).toBe(true);
    expect(filter.matches?.('a*')).toBe(true);
    expect(filter.matches?.('aXb')).toBe(false);
    expect(filter.matches?.('a*\nb')).toBe(true);
  });
});

describe('nullEndBound', () => {
  const time = new LakeTime('America/Chicago');
  const bound = (text: string) => {
    const { after, exact } = nullEndBound(time, time.parse(text));
    return { after: time.format(after), exact };
  };

  it('is one calendar day before the start on ordinary days', () => {
    expect(bound('2020-09-14 00:00:00-05:00')).toEqual({ after: '2020-09-13 00:00:00-05:00', exact: true });
    expect(bound('2020-09-14 13:45:00-05:00')).toEqual({ after: '2020-09-13 13:45:00-05:00', exact: true });
  });

  it('is 25 hours before a start after the fall-back day and 23 after the spring-forward day', () => {
    expect(bound('2020-11-02 00:00:00-06:00')).toEqual({ after: '2020-11-01 00:00:00-05:00', exact: true });
    expect(bound('2020-03-09 00:00:00-05:00')).toEqual({ after: '2020-03-08 00:00:00-06:00', exact: true });
  });

  it('widens the bound when the start or the day before is next to a clock change', () => {
    // The first 01:30 of the repeated hour: a row dated 01:10 the day before ends at the second
    // 01:10, after the start, although it is dated before start − 1 day.
    expect(bound('2020-11-01 01:30:00-05:00')).toEqual({ after: '2020-10-30 22:30:00-05:00', exact: false });
    expect(bound('2020-11-02 01:30:00-06:00')).toEqual({ after: '2020-10-31 23:30:00-05:00', exact: false });
    expect(bound('2020-03-09 02:30:00-05:00')).toEqual({ after: '2020-03-07 23:30:00-06:00', exact: false });
  });
});
