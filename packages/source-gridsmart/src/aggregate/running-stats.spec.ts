import { RunningStats } from './running-stats';

const statsOf = (values: number[]) => {
  const stats = new RunningStats();
  for (const value of values) stats.add(value);
  return stats;
};

describe('RunningStats', () => {
  it('gives the mean and the sample standard deviation (n − 1)', () => {
    const stats = statsOf([20, 30, 40]);
    expect(stats.mean()).toBe(30);
    expect(stats.sampleStd()).toBe(10);
    expect(statsOf([1, 2]).sampleStd()).toBeCloseTo(Math.SQRT1_2, 15);
  });

  it('has no deviation for one value and no mean for none', () => {
    expect(statsOf([7]).mean()).toBe(7);
    expect(statsOf([7]).sampleStd()).toBeNaN();
    expect(statsOf([]).mean()).toBeNaN();
    expect(statsOf([]).count).toBe(0);
  });

  it('sums with compensation, so many tenths add up exactly', () => {
    expect(statsOf(Array.from({ length: 10 }, () => 0.1)).mean()).toBe(0.1);
  });
});
