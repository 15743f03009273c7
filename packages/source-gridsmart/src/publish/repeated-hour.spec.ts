import { LakeTime } from '@lake/core';
import { firstPassOffset } from './repeated-hour';

const time = new LakeTime('America/Chicago');
const at = (text: string) => time.parse(text);

describe('firstPassOffset', () => {
  it('names the offset of the first pass through the repeated fall-back hour', () => {
    expect(firstPassOffset(at('2019-11-03 01:00:00-05:00'), time)).toBe('-05:00');
    expect(firstPassOffset(at('2019-11-03 01:59:59-05:00'), time)).toBe('-05:00');
  });

  it('leaves the second pass and every other time alone', () => {
    expect(firstPassOffset(at('2019-11-03 01:00:00-06:00'), time)).toBe('');
    expect(firstPassOffset(at('2019-11-03 00:59:59-05:00'), time)).toBe('');
    expect(firstPassOffset(at('2019-11-03 02:00:00-06:00'), time)).toBe('');
    expect(firstPassOffset(at('2019-11-02 01:30:00-05:00'), time)).toBe('');
    expect(firstPassOffset(at('2020-03-08 01:30:00-06:00'), time)).toBe('');
    expect(firstPassOffset(at('2020-03-08 03:30:00-05:00'), time)).toBe('');
  });
});
