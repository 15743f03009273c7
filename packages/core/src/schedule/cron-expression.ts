// `at` of a schedule entry → a 5-field cron expression (minute hour day-of-month month
// day-of-week), checked field by field so that every target (cron, Kubernetes, Airflow) reads it
// the same way. Only the syntax all three share is accepted: numbers, `*`, ranges, steps, lists
// and month / weekday names; no `@daily` macros, `L`, `W`, `#` or `?`.
import { InvalidSchedule } from './schedule-errors';

interface CronField {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
}

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

const FIELDS: readonly CronField[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTH_NAMES },
  // 7 is Sunday too in every cron the targets use.
  { name: 'day of week', min: 0, max: 7, names: WEEKDAY_NAMES },
];

const WALL_TIME = /^(\d{1,2}):(\d{2})$/;
const CRON_HINT = 'write a wall time HH:MM (e.g. "01:30") or a 5-field cron expression (e.g. "30 1 * * 1-5")';

/** A cron expression, plus its time of day when it names exactly one minute of the day. */
export interface CronTime {
  cron: string;
  /** Minutes after midnight when the minute and hour fields are single numbers, else null. */
  minuteOfDay: number | null;
}

export function parseScheduleTime(at: string, where: string): CronTime {
  const text = at.trim();
  const wall = WALL_TIME.exec(text);
  if (wall) {
    const hour = Number(wall[1]);
    const minute = Number(wall[2]);
    if (hour > 23 || minute > 59) throw new InvalidSchedule(where, `"${at}" is not a time of day`, CRON_HINT);
    return { cron: `${minute} ${hour} * * *`, minuteOfDay: hour * 60 + minute };
  }
  if (text.includes(':')) throw new InvalidSchedule(where, `"${at}" is not a time of day`, CRON_HINT);
  const parts = text.split(/\s+/);
  if (parts.length !== 5) throw new InvalidSchedule(where, `"${at}" is neither HH:MM nor a cron expression of 5 fields (it has ${parts.length})`, CRON_HINT);
  parts.forEach((part, index) => checkField(part, FIELDS[index], at, where));
  const single = (part: string) => (/^\d+$/.test(part) ? Number(part) : null);
  const minute = single(parts[0]);
  const hour = single(parts[1]);
  return { cron: parts.join(' '), minuteOfDay: minute !== null && hour !== null ? hour * 60 + minute : null };
}

function checkField(text: string, field: CronField, at: string, where: string): void {
  const fail = (why: string): never => {
    throw new InvalidSchedule(where, `"${at}": ${field.name} "${text}" ${why}`, CRON_HINT);
  };
  for (const item of text.split(',')) {
    const match = /^(\*|[A-Za-z0-9]+(?:-[A-Za-z0-9]+)?)(?:\/(\d+))?$/.exec(item);
    if (!match) fail('is not a number, range, list or step');
    const [, range, step] = match as RegExpExecArray;
    if (step !== undefined && Number(step) === 0) fail('has a step of 0');
    if (range === '*') continue;
    // `5/10` means different things to different crons; `5-59/10` means the same to all.
    if (step !== undefined && !range.includes('-')) fail('has a step without * or a range before it');
    const bounds = range.split('-').map((value) => fieldValue(value, field) ?? fail(`has "${value}" outside ${field.min}–${field.max}`));
    if (bounds.length === 2 && bounds[0] > bounds[1]) fail('has a range that runs backwards');
  }
}

function fieldValue(text: string, field: CronField): number | null {
  if (/^\d+$/.test(text)) {
    const value = Number(text);
    return value >= field.min && value <= field.max ? value : null;
  }
  const index = field.names?.indexOf(text.toLowerCase()) ?? -1;
  if (index === -1) return null;
  return field.min + index;
}
