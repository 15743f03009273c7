// How the AWAM share names a day's files (bluetooth.md §2.1): `Austin_bt_06-01-2019.txt`,
// `Austin_btmatch_06-01-2019.txt`, `Austin_bt_summary_15_06-01-2019.txt`. A summary name also
// starts with `Austin_bt_`, but `summary_15_06-01-2019` is no date, so the first pattern skips it.
import type { FilePattern } from '@lake/core';
import type { BluetoothFileType } from './file-types';

export interface AwamFilePattern {
  fileType: BluetoothFileType;
  pattern: FilePattern;
}

export const AWAM_DATE_FORMAT = '%m-%d-%Y';

/** The three patterns in the original's order (a day's files are ingested in this order). */
export function awamFilePatterns(areaBase: string): AwamFilePattern[] {
  const pattern = (infix: string): FilePattern => ({ prefix: `${areaBase}_${infix}_`, dateFormat: AWAM_DATE_FORMAT, postfix: '.txt' });
  return [
    { fileType: 'unmatched', pattern: pattern('bt') },
    { fileType: 'matched', pattern: pattern('btmatch') },
    { fileType: 'traf_match_summary', pattern: pattern('bt_summary_15') },
  ];
}

/** Lake ext of a raw AWAM file: `unmatched.txt`, `matched.txt`, `traf_match_summary.txt`. */
export function rawExt(fileType: BluetoothFileType): string {
  return `${fileType}.txt`;
}

/** Lake ext of a standardized (and ready) file: `unmatched.json`, … */
export function jsonExt(fileType: BluetoothFileType): string {
  return `${fileType}.json`;
}
