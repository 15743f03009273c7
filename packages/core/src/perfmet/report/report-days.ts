// Calendar days of the report as `YYYY-MM-DD` text. Instants become days only through
// `lake.time` (the lake's zone); from then on a day is a date with no clock, so "7 days before"
// and "every day of the window" are plain calendar arithmetic, the same on a 23- or 25-hour day.

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The calendar day `days` after `day` (before, when negative). */
export function addCalendarDays(day: string, days: number): string {
  const match = DAY.exec(day);
  if (!match) throw new Error(`not a calendar day: ${day}`);
  const shifted = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + days));
  return shifted.toISOString().slice(0, 10);
}

/** Every day from `first` up to `end`, exclusive. */
export function calendarDays(first: string, end: string): string[] {
  const days: string[] = [];
  for (let day = first; day < end; day = addCalendarDays(day, 1)) days.push(day);
  return days;
}

/** Whole days from `first` to `end` (exclusive), without listing them. */
export function calendarDayCount(first: string, end: string): number {
  const ms = (day: string) => Date.parse(`${day}T00:00:00Z`);
  return Math.max(0, Math.round((ms(end) - ms(first)) / 86_400_000));
}
