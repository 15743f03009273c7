import { compileDateFormat, UnsupportedDateFormat } from './date-format';

const wall = (year: number, month: number, day: number, hour = 0, minute = 0, second = 0) => ({
  year,
  month,
  day,
  hour,
  minute,
  second,
  millisecond: 0,
});

describe('compileDateFormat', () => {
  it('reads the default lake format', () => {
    expect(compileDateFormat('%Y_%m_%d').parse('2019_06_01')).toEqual(wall(2019, 6, 1));
  });

  it('accepts one- or two-digit months and days', () => {
    const format = compileDateFormat('%m-%d-%Y');
    expect(format.parse('6-1-2019')).toEqual(wall(2019, 6, 1));
    expect(format.parse('06-01-2019')).toEqual(wall(2019, 6, 1));
    expect(format.parse('12-31-2019')).toEqual(wall(2019, 12, 31));
  });

  it('wants exactly four digits of year', () => {
    const format = compileDateFormat('%m-%d-%Y');
    expect(format.parse('6-1-19')).toBeNull();
    expect(format.parse('6-1-20190')).toBeNull();
  });

  it('ignores dates that do not exist', () => {
    const format = compileDateFormat('%m-%d-%Y');
    expect(format.parse('02-30-2019')).toBeNull();
    expect(format.parse('02-29-2019')).toBeNull();
    expect(format.parse('02-29-2020')).toEqual(wall(2020, 2, 29));
    expect(format.parse('13-01-2019')).toBeNull();
  });

  it('needs the whole text to match', () => {
    const format = compileDateFormat('%m-%d-%Y');
    expect(format.parse('summary_15_06-01-2019')).toBeNull();
    expect(format.parse('06-01-2019_x')).toBeNull();
    expect(format.parse('')).toBeNull();
  });

  it('reads times, matches letters in any case and lets a space match any whitespace', () => {
    const format = compileDateFormat('Day %Y-%m-%d T%H.%M.%S');
    expect(format.parse('day 2019-06-01 \t t7.05.09')).toEqual(wall(2019, 6, 1, 7, 5, 9));
    expect(format.parse('Day2019-06-01 T07.05.09')).toBeNull();
    expect(format.parse('Day 2019-06-01 T24.00.00')).toBeNull();
    expect(format.parse('Day 2019-06-01 T23.00.60')).toBeNull();
  });

  it('treats regex characters in the format as literal text', () => {
    const format = compileDateFormat('(%Y.%m.%d)+');
    expect(format.parse('(2019.06.01)+')).toEqual(wall(2019, 6, 1));
    expect(format.parse('(2019x06x01)+')).toBeNull();
  });

  it('reads %% as a percent sign and fills missing fields the way strptime does', () => {
    expect(compileDateFormat('%Y%%').parse('2019%')).toEqual(wall(2019, 1, 1));
  });

  it('refuses directives it does not know, or a field given twice', () => {
    expect(() => compileDateFormat('%Y-%b')).toThrow(UnsupportedDateFormat);
    expect(() => compileDateFormat('%Y-%')).toThrow(UnsupportedDateFormat);
    expect(() => compileDateFormat('%d-%d')).toThrow(UnsupportedDateFormat);
  });
});
