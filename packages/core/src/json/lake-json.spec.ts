import { parseLakeJson, stringifyLakeJson } from './lake-json';

describe('lake JSON', () => {
  it('reads the original\'s bare NaN and infinities as null, leaving strings alone', () => {
    expect(parseLakeJson('{"a": NaN, "b": [Infinity, -Infinity], "c": "NaN"}')).toEqual({ a: null, b: [null, null], c: 'NaN' });
  });

  it('writes non-finite numbers as null, wherever they are', () => {
    // eslint-disable-next-line no-new-wrappers
    const value = { a: NaN, b: [Infinity, -Infinity, 1.5], c: { d: NaN }, e: new Number(NaN), f: 'NaN' };
    expect(stringifyLakeJson(value)).toBe('{"a":null,"b":[null,null,1.5],"c":{"d":null},"e":null,"f":"NaN"}');
    expect(stringifyLakeJson(NaN)).toBe('null');
  });
});
