import { InvalidLakeJson, MAX_JSON_DEPTH } from './invalid-lake-json';
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
  // Found by the hostile-input suites: a SyntaxError named no file, a deep value parsed but then
  // overflowed the stack in JSON.stringify, and NaN tokens were replaced a character at a time.
  describe('hostile text', () => {
    it('fails malformed text with InvalidLakeJson naming the source and the byte', () => {
      expect(() => parseLakeJson('{"a": 1,', 'raw/site.json')).toThrow(InvalidLakeJson);
      expect(() => parseLakeJson('{"a": 1,', 'raw/site.json')).toThrow(/^raw\/site\.json is not valid lake JSON: .+ at byte \d+$/);
      expect(() => parseLakeJson('{"a": 1} x')).toThrow(/^the text is not valid lake JSON/);
      const error = (() => {
        try {
          parseLakeJson('{"a": NaN, "b": NaN, "c": 1,}', 'f.json');
        } catch (caught) {
          return caught as InvalidLakeJson;
        }
      })();
      // The byte of the original text, not of the text with `null` for each token.
      expect(error).toMatchObject({ code: 'INVALID_LAKE_JSON', source: 'f.json', position: 28 });
    });

    it('refuses a value nested deeper than MAX_JSON_DEPTH, at the bracket that goes past it', () => {
      const deep = (levels: number) => `{"a":${'['.repeat(levels - 1)}${']'.repeat(levels - 1)}}`;
      expect(() => parseLakeJson(deep(MAX_JSON_DEPTH))).not.toThrow();
      expect(() => parseLakeJson(deep(MAX_JSON_DEPTH + 1), 'u.json')).toThrow(`u.json is not valid lake JSON: nested deeper than ${MAX_JSON_DEPTH} levels at byte ${5 + MAX_JSON_DEPTH - 1}`);
      expect(() => parseLakeJson(`[${'"[[[[",'.repeat(MAX_JSON_DEPTH)}1]`)).not.toThrow(); // brackets in strings do not count
      expect(() => parseLakeJson('['.repeat(100_000) + ']'.repeat(100_000))).toThrow(InvalidLakeJson);
    });

    it('replaces many tokens in slices, leaving strings with quotes and escapes alone', () => {
      const device = '{"s":"x\\\\","t":"NaN \\"Infinity\\"","lat":NaN,"lon":-Infinity,"n":[Infinity,1]}';
      const text = `[${Array.from({ length: 50_000 }, () => device).join(',')}]`;
      const value = parseLakeJson(text) as Record<string, unknown>[];
      expect(value).toHaveLength(50_000);
      expect(value[49_999]).toEqual({ s: 'x\\', t: 'NaN "Infinity"', lat: null, lon: null, n: [null, 1] });
    });
  });
});
