import { ProblemTally } from './problem-tally';

describe('problem tally', () => {
  it('reports each distinct message once, with its count and first line', () => {
    const tally = new ProblemTally();
    tally.add('blank speed', 4);
    tally.add('bad time', 2);
    tally.add('blank speed', 9);
    expect(tally.report('a.csv')).toEqual(['a.csv line 4: blank speed (2 records)', 'a.csv line 2: bad time (1 record)']);
  });

  it('folds messages beyond the 50th kind into one, so memory does not grow with the file', () => {
    const tally = new ProblemTally();
    for (let line = 1; line <= 200; line++) tally.add(`time data '${line}' does not match`, line);
    expect(tally.size).toBe(51);
    expect(tally.list().at(-1)).toEqual({ message: 'other problems (too many kinds to list)', count: 150, firstLine: 51 });
  });
});
