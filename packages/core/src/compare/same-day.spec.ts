import { LakeTime } from '../time/lake-time';
import { isSameDayCancelled, sameDayCutoff } from './same-day';
import { openRange } from './test-support/list-provider';

describe('same-day rule', () => {
  const time = new LakeTime('America/Chicago', () => new Date('2020-09-20T17:00:00Z'));

  it('drops items dated today or later when no end date was given', () => {
    const range = openRange(time.parse('2020-09-01'));
    expect(isSameDayCancelled(time.parse('2020-09-20'), range, time)).toBe(true);
    expect(isSameDayCancelled(time.parse('2020-09-21'), range, time)).toBe(true);
    expect(isSameDayCancelled(time.parse('2020-09-19 23:59'), range, time)).toBe(false);
  });

  it('is off as soon as any end date is given, even a future one', () => {
    const range = openRange(time.parse('2020-09-01'), { end: time.parse('2020-12-01') });
    expect(sameDayCutoff(range, time)).toBeNull();
    expect(isSameDayCancelled(time.parse('2020-09-20'), range, time)).toBe(false);
  });

  it("uses the zone's midnight, not the host's (C-12): 01:00 UTC is still yesterday in Central", () => {
    const lateEvening = new LakeTime('America/Chicago', () => new Date('2020-09-21T01:00:00Z'));
    expect(sameDayCutoff(openRange(null), lateEvening)).toEqual(lateEvening.parse('2020-09-20'));
  });

  it('finds the real midnight on the fall-back day (C-13)', () => {
    // 06:00 CST on 2020-11-01; the day began at 00:00 CDT (-05:00).
    const fallBack = new LakeTime('America/Chicago', () => new Date('2020-11-01T12:00:00Z'));
    const midnight = new Date('2020-11-01T05:00:00Z');
    expect(sameDayCutoff(openRange(null), fallBack)).toEqual(midnight);
    expect(isSameDayCancelled(midnight, openRange(null), fallBack)).toBe(true);
  });
});
