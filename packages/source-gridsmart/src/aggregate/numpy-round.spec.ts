import { numpyRound, roundHalfToEven } from './numpy-round';

describe('numpyRound', () => {
  // Expected values are numpy.round(x, 3) as printed by numpy itself.
  it.each([
    [1.2345, 1.234],
    [2.0015, 2.002],
    [2.0005, 2.001],
    [1.0005, 1.0],
    [-1.0005, -1.0],
    [0.0005, 0],
    [0.0015, 0.002],
    [28.4055, 28.406],
    [6.1125, 6.112],
    [0.9505, 0.95],
    [2.675, 2.675],
  ])('rounds %p to %p as numpy does (x·1000 in double, half to even, /1000)', (value, expected) => {
    expect(numpyRound(value, 3)).toBe(expected);
  });

  it('leaves NaN and infinities alone', () => {
    expect(numpyRound(Number.NaN)).toBeNaN();
    expect(numpyRound(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('roundHalfToEven', () => {
  it('rounds ties to the even integer, everything else to the nearest', () => {
    expect([0.5, 1.5, 2.5, 3.5, -0.5, -1.5, -2.5, 2.4999, 2.5001].map(roundHalfToEven)).toEqual([0, 2, 2, 4, 0, -2, -2, 2, 3]);
  });
});
