import { rewriteShortSimulate } from './lake-command';

describe('rewriteShortSimulate', () => {
  it('turns the original\'s -0 into --simulate', () => {
    expect(rewriteShortSimulate(['-s', '2019-06-01', '-0', '-F'])).toEqual(['-s', '2019-06-01', '--simulate', '-F']);
  });

  it('leaves every other argument alone, including look-alikes', () => {
    const argv = ['-r', '0', '--x=-0', '-00', '0', '-d', 'dir-0'];
    expect(rewriteShortSimulate(argv)).toEqual(argv);
  });

  it('does not touch a -0 after the -- separator', () => {
    expect(rewriteShortSimulate(['-0', '--', '-0'])).toEqual(['--simulate', '--', '-0']);
  });

  it('returns a new array and keeps the input as it was', () => {
    const argv = ['-0'];
    expect(rewriteShortSimulate(argv)).not.toBe(argv);
    expect(argv).toEqual(['-0']);
  });
});
