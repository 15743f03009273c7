// Reading dates out of file names with a strptime-style format, the way upstream's Python
// `strptime` did (core.md §8.2): `%m`/`%d`/`%H`/`%M`/`%S` take one or two digits, `%Y` exactly four,
// letters match in any case, a space matches any run of whitespace.
import { LakeError } from '../errors';
import type { WallTime } from '../time/lake-time';

type WallField = Exclude<keyof WallTime, 'millisecond'>;

// The alternations are Python's own, in its order, so ambiguous runs of digits split the same way.
const DIRECTIVES: Record<string, { field: WallField; pattern: string }> = {
  Y: { field: 'year', pattern: '\\d\\d\\d\\d' },
  m: { field: 'month', pattern: '1[0-2]|0[1-9]|[1-9]' },
  d: { field: 'day', pattern: '3[01]|[12]\\d|0[1-9]|[1-9]' },
  H: { field: 'hour', pattern: '2[0-3]|[0-1]\\d|\\d' },
  M: { field: 'minute', pattern: '[0-5]\\d|\\d' },
  S: { field: 'second', pattern: '6[0-1]|[0-5]\\d|\\d' },
};

export class UnsupportedDateFormat extends LakeError {
  constructor(format: string, why: string) {
    super(
      'UNSUPPORTED_DATE_FORMAT',
      `cannot use date format "${format}": ${why}`,
      'file-name date formats may use %Y %m %d %H %M %S, %% and literal text',
      2,
    );
  }
}

/** A compiled format: `parse` gives the wall-clock fields, or null when the text does not match. */
export interface DateFormat {
  readonly format: string;
  parse(text: string): WallTime | null;
}

export function compileDateFormat(format: string): DateFormat {
  const fields: WallField[] = [];
  let source = '';
  for (let index = 0; index < format.length; index += 1) {
    const char = format[index];
    if (/\s/.test(char)) {
      while (index + 1 < format.length && /\s/.test(format[index + 1])) index += 1;
      source += '\\s+';
    } else if (char !== '%') {
      source += escapeRegExp(char);
    } else {
      index += 1;
      const letter = format[index];
      if (letter === '%') {
        source += '%';
        continue;
      }
      const directive = letter === undefined ? undefined : DIRECTIVES[letter];
      if (!directive) throw new UnsupportedDateFormat(format, `unknown directive %${letter ?? ''}`);
      if (fields.includes(directive.field)) throw new UnsupportedDateFormat(format, `%${letter} appears twice`);
      fields.push(directive.field);
      source += `(${directive.pattern})`;
    }
  }
  const regex = new RegExp(`^${source}$`, 'i');

  return {
    format,
    parse(text: string): WallTime | null {
      const match = regex.exec(text);
      if (!match) return null;
      // strptime's defaults for fields the format leaves out.
      const wall: WallTime = { year: 1900, month: 1, day: 1, hour: 0, minute: 0, second: 0, millisecond: 0 };
      fields.forEach((field, position) => {
        wall[field] = Number(match[position + 1]);
      });
      return isRealDate(wall) ? wall : null;
    },
  };
}

/** `02-30-2019` reads as digits but names no day. */
function isRealDate(wall: WallTime): boolean {
  const probe = new Date(0);
  probe.setUTCFullYear(wall.year, wall.month - 1, wall.day); // Date.UTC would read year 19 as 1919
  return probe.getUTCFullYear() === wall.year && probe.getUTCMonth() === wall.month - 1 && probe.getUTCDate() === wall.day && wall.second < 60;
}

function escapeRegExp(char: string): string {
  return char.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
