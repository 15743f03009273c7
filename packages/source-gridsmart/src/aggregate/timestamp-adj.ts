// A count record's `timestamp_adj`: the corrected time gs:ready wrote, with its own offset.
import type { LakeTime } from '@lake/core';

/** Epoch ms of a record's `timestamp_adj` (its own offset), or null when it has none readable. */
export function recordInstant(record: Record<string, unknown>, time: LakeTime): number | null {
  const text = record.timestamp_adj;
  if (typeof text !== 'string') return null;
  const fast = pyStrInstant(text);
  if (fast !== null) return fast;
  try {
    return time.parse(text).getTime();
  } catch {
    return null;
  }
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * What gs:ready writes, `YYYY-MM-DD HH:MM:SS[.ffffff]±HH:MM`, read by character positions: it
 * runs twice per record of a day, and LakeTime.parse costs several times more. Anything else
 * (or a field out of range) returns null and is left to LakeTime.parse.
 */
export function pyStrInstant(text: string): number | null {
  const length = text.length;
  if (length < 25 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return null;
  const separator = text.charCodeAt(10);
  if (separator !== 32 && separator !== 84) return null;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  let index = 19;
  let millisecond = 0;
  if (text.charCodeAt(index) === 46) {
    const fractionStart = ++index;
    while (index < length && isDigit(text.charCodeAt(index))) index++;
    const fractionDigits = index - fractionStart;
    if (fractionDigits === 0) return null;
    millisecond = digits(text, fractionStart, Math.min(3, fractionDigits)) * 10 ** Math.max(0, 3 - fractionDigits);
  }
  if (index + 6 !== length || text.charCodeAt(index + 3) !== 58) return null;
  const sign = text.charCodeAt(index);
  if (sign !== 43 && sign !== 45) return null;
  const offsetMinutes = digits(text, index + 1, 2) * 60 + digits(text, index + 4, 2);
  if (Number.isNaN(year + month + day + hour + minute + second + millisecond + offsetMinutes)) return null;
  if (month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month - 1] || hour > 23 || minute > 59 || second > 59) return null;
  if (month === 2 && day === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) return null;
  const utcMs = Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
  return utcMs - (sign === 45 ? -offsetMinutes : offsetMinutes) * 60_000;
}

/** The number written by `count` decimal digits at `start`; NaN when one is not a digit. */
function digits(text: string, start: number, count: number): number {
  let value = 0;
  for (let index = start; index < start + count; index++) {
    const code = text.charCodeAt(index);
    if (!isDigit(code)) return Number.NaN;
    value = value * 10 + (code - 48);
  }
  return value;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}
