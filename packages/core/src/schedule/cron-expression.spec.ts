// `at`: a wall time HH:MM or a 5-field cron expression in the syntax cron, Kubernetes and Airflow
// all read the same way.
import { LakeError } from '../errors';
import { parseScheduleTime } from './cron-expression';

const WHERE = 'schedule.entries["bt:insert"].at';

function messageOf(at: string): string {
  try {
    parseScheduleTime(at, WHERE);
  } catch (error) {
    if (error instanceof LakeError) return error.message;
    throw error;
  }
  throw new Error(`"${at}" was accepted`);
}

describe('parseScheduleTime', () => {
  it.each([
    ['00:30', '30 0 * * *', 30],
    ['1:00', '0 1 * * *', 60],
    ['23:59', '59 23 * * *', 1439],
    [' 08:30 ', '30 8 * * *', 510],
  ])('reads the wall time %j as %j', (at, cron, minuteOfDay) => {
    expect(parseScheduleTime(at, WHERE)).toEqual({ cron, minuteOfDay });
  });

  it.each([
    ['30 1 * * *', '30 1 * * *', 90],
    ['30  1 *\t* 1-5', '30 1 * * 1-5', 90],
    ['0,30 */2 1-15 jan-mar MON-FRI', '0,30 */2 1-15 jan-mar MON-FRI', null],
    ['15 6 * * 7', '15 6 * * 7', 375],
    ['5-59/10 * * * *', '5-59/10 * * * *', null],
  ])('takes the cron expression %j as %j', (at, cron, minuteOfDay) => {
    expect(parseScheduleTime(at, WHERE)).toEqual({ cron, minuteOfDay });
  });

  it.each([
    ['24:00', 'is not a time of day'],
    ['12:60', 'is not a time of day'],
    ['1:2:3', 'is not a time of day'],
    ['@daily', 'is neither HH:MM nor a cron expression of 5 fields (it has 1)'],
    ['0 0 1 * * *', 'it has 6'],
    ['60 1 * * *', 'minute "60" has "60" outside 0–59'],
    ['0 24 * * *', 'hour "24" has "24" outside 0–23'],
    ['0 1 0 * *', 'day of month "0" has "0" outside 1–31'],
    ['0 1 * 13 *', 'month "13" has "13" outside 1–12'],
    ['0 1 * * 8', 'day of week "8" has "8" outside 0–7'],
    ['0 1 * * funday', 'day of week "funday" has "funday" outside 0–7'],
    ['*/0 1 * * *', 'has a step of 0'],
    ['5/10 1 * * *', 'has a step without * or a range before it'],
    ['30-10 1 * * *', 'has a range that runs backwards'],
    ['0 1 L * *', 'outside 1–31'],
    ['0 1 * * 1#2', 'is not a number, range, list or step'],
  ])('refuses %j', (at, problem) => {
    const message = messageOf(at);
    expect(message.startsWith(`${WHERE}: "${at}`)).toBe(true);
    expect(message).toContain(problem);
  });
});
