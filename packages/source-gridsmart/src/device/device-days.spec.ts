import { LakeTime, type DateRange } from '@lake/core';
import type { GridsmartDevice } from './device-client';
import { deviceDayItems } from './device-days';
import type { SurveyedDevice } from './device-survey';

const time = new LakeTime('America/Chicago').withClock(() => new Date('2020-03-09T07:30:00Z')); // 2020-03-09 02:30 CDT
const range = (start: string | null, end: string | null = null): DateRange => {
  const startDate = start === null ? null : time.dayStart(start);
  const endDate = end === null ? null : time.dayStart(end);
  return { start: startDate, end: endDate, lastRun: null, exact: startDate !== null && endDate !== null && startDate.getTime() === endDate.getTime() };
};

function surveyed(siteBase: string, days: string[]): SurveyedDevice {
  return { siteBase, days, address: '10.0.0.7', polled: {} as SurveyedDevice['polled'], client: {} as GridsmartDevice, site: {}, clock: {}, hardware: {} };
}

describe('deviceDayItems', () => {
  const lamar = surveyed('Lamar_Koenig', ['2020-03-09', '2020-03-07', '2020-03-08']);
  const burnet = surveyed('Burnet_Richcreek', ['2020-03-08', '2020-03-06']);
  const labels = (r: DateRange) => deviceDayItems([lamar, burnet], r, time).map((item) => item.label);

  it('sorts by date, then by device order, and withholds today without an end date', () => {
    expect(labels(range(null))).toEqual(['2020-03-06_Burnet_Richcreek.zip', '2020-03-07_Lamar_Koenig.zip', '2020-03-08_Lamar_Koenig.zip', '2020-03-08_Burnet_Richcreek.zip']);
  });

  it('keeps [start, end), today included when an end is given', () => {
    expect(labels(range('2020-03-07', '2020-03-10'))).toEqual(['2020-03-07_Lamar_Koenig.zip', '2020-03-08_Lamar_Koenig.zip', '2020-03-08_Burnet_Richcreek.zip', '2020-03-09_Lamar_Koenig.zip']);
  });

  it('keeps only the start day when start == end', () => {
    expect(labels(range('2020-03-08', '2020-03-08'))).toEqual(['2020-03-08_Lamar_Koenig.zip', '2020-03-08_Burnet_Richcreek.zip']);
  });

  it('dates each item at the local midnight of its day (CST before the spring-forward day, CDT after)', () => {
    const items = deviceDayItems([lamar], range('2020-03-08', '2020-03-10'), time);
    expect(items.map((item) => time.format(item.date))).toEqual(['2020-03-08 00:00:00-06:00', '2020-03-09 00:00:00-05:00']);
    expect(items[0]).toMatchObject({ base: 'Lamar_Koenig', ext: 'zip', dateEnd: null, payload: { kind: 'device', device: lamar, day: '2020-03-08' } });
  });
});
