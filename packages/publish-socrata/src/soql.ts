// Small SoQL builders for the queries lake sends (reprocessing: the row ids of a date range).
// Values are always quoted text, which is also how SoQL compares floating timestamps (write them
// with core's `LakeTime.formatFloating`, so the lake's zone decides the wall clock).
import { assertFieldName } from './dataset-id';

/** A SoQL text literal: single quotes, an embedded quote doubled. */
export function soqlText(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** `column >= 'start' and column < 'end'`: a half-open range, as the lake's date windows are. */
export function soqlRange(column: string, start: string, end: string): string {
  assertFieldName(column);
  return `${column} >= ${soqlText(start)} and ${column} < ${soqlText(end)}`;
}

