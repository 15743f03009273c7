import { matchingBlocks, codePoints, sequenceRatio } from './sequence-matcher';

describe('sequenceRatio (Python difflib SequenceMatcher(None, a, b).ratio())', () => {
  it('gives the spec sanity value for a site name against its Knack name', () => {
    // "burnet" + " richcreek": M = 16 of 16 + 22 characters
    expect(sequenceRatio('burnet richcreek', 'burnet rd richcreek rd')).toBe(0.8421052631578947);
  });

  it('finds the longest block first, then matches left and right of it', () => {
    // " koenig" (7) is the longest block; left of it "lamar" (5) matches; M = 12 → 24/32
    expect(sequenceRatio('lamar koenig', 'lamar blvd koenig ln')).toBe(0.75);
    // "lamar " and "koenig" are both 6 long: the earlier in a ("lamar ") wins; right of it in a
    // is "koenig", right of it in b is "blvd": nothing more → M = 6 → 12/32
    expect(sequenceRatio('lamar koenig', 'koenig ln lamar blvd')).toBe(0.375);
    // "bcd" then nothing left of it in b: M = 3 → 6/8
    expect(sequenceRatio('abcd', 'bcda')).toBe(0.75);
  });

  it('breaks ties between equally long blocks by the earliest start in a, then in b', () => {
    // Every block is one "a": the first is a[0]/b[0], leaving "aa" / "ba" to the right, where
    // a[1]/b[2] matches once more: M = 2. Taking a later "a" of a first would give M = 1.
    expect(sequenceRatio('aaa', 'aba')).toBe(0.6666666666666666);
    expect(matchingBlocks(codePoints('aaa'), codePoints('aba'))).toEqual([
      { a: 0, b: 0, size: 1 },
      { a: 1, b: 2, size: 1 },
    ]);
  });

  it('depends on which string is a (the site name) and which is b (the Knack name)', () => {
    // "aaba"/"baaa": "aa" (a0, b1) first, then "a" right of it (a3, b3): M = 3.
    // "baaa"/"aaba": "ba" (a0, b2) comes earlier in a than "aa", and leaves nothing: M = 2.
    expect(sequenceRatio('aaba', 'baaa')).toBe(0.75);
    expect(sequenceRatio('baaa', 'aaba')).toBe(0.5);
  });

  it('counts an empty pair as equal', () => {
    expect(sequenceRatio('', '')).toBe(1);
    expect(sequenceRatio('a', '')).toBe(0);
    expect(sequenceRatio('lamar koenig', 'lamar blvd ')).toBe(0.5217391304347826);
  });

  it("applies Python's popular-element rule once b is 200 elements long", () => {
    // In a b of 200 "a"s, "a" is popular and not indexed: no block is found by the index, and the
    // empty block at (0, 0) grows over equal neighbours to 10 → 20/210. One "a" less and the
    // ordinary search finds the same 10 → 20/209.
    expect(sequenceRatio('a'.repeat(10), 'a'.repeat(200))).toBe(0.09523809523809523);
    expect(sequenceRatio('a'.repeat(10), 'a'.repeat(199))).toBe(0.09569377990430622);
    // "b" is indexed, matches b[199], and grows back over the popular "a" before it: M = 2
    expect(sequenceRatio('ab', `${'a'.repeat(199)}b`)).toBe(0.019801980198019802);
  });

  it('compares code points, as Python strings do', () => {
    // One emoji is one element in Python, two UTF-16 units in JS
    expect(sequenceRatio('x😀', 'y😀')).toBe(0.5);
  });
});
