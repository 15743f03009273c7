import { parseContentRange } from './content-range';

describe('parseContentRange', () => {
  it('reads a page with and without a total', () => {
    expect(parseContentRange('0-999/*')).toEqual({ first: 0, last: 999, total: null });
    expect(parseContentRange('1000-1999/5000')).toEqual({ first: 1000, last: 1999, total: 5000 });
  });

  it('reads an empty page and a write count', () => {
    expect(parseContentRange('*/0')).toEqual({ first: null, last: null, total: 0 });
    expect(parseContentRange('*/*')).toEqual({ first: null, last: null, total: null });
    expect(parseContentRange('*/12')).toEqual({ first: null, last: null, total: 12 });
  });

  it('accepts an RFC 7233 unit prefix', () => {
    expect(parseContentRange('items 0-14/15')).toEqual({ first: 0, last: 14, total: 15 });
  });

  it('gives null for a missing or unreadable header', () => {
    expect(parseContentRange(null)).toBeNull();
    expect(parseContentRange('')).toBeNull();
    expect(parseContentRange('bytes=0-')).toBeNull();
  });
});
