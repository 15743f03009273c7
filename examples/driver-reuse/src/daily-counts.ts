// The input of the example: one day's counts per device, `device_id,count` with a header row,
// and the rows it publishes (one per device, identified by an MD5 of device and day so sending
// the same day again replaces its rows).
import { createHash } from 'node:crypto';
import type { PublishRow } from '@lake/core';

export interface DailyCount {
  device_id: string;
  count: number;
}

export function parseDailyCounts(text: string): DailyCount[] {
  return text
    .split(/\r?\n/)
    .slice(1)
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      const [device, count, ...extra] = line.split(',').map((field) => field.trim());
      if (!device || extra.length > 0 || !/^\d+$/.test(count ?? '')) throw new Error(`line ${index + 2}: expected "device_id,count", got "${line}"`);
      return { device_id: device, count: Number(count) };
    });
}

export function publishRow(record: DailyCount, day: string): PublishRow {
  return { row_id: createHash('md5').update(`${record.device_id}${day}`).digest('hex'), device_id: record.device_id, day, count: record.count };
}
