// The work gs:insert could do: every day a surveyed device lists (gridsmart.md §2 "Source
// items"), inside the run's window, today withheld unless an end date is given, sorted by date
// and then by device order.
import { isInRange, sameDayCutoff, type DateRange, type LakeTime, type ProviderItem } from '@lake/core';
import { ZIP_EXT } from '../gridsmart-names';
import type { SurveyedDevice } from './device-survey';

export interface DeviceDay {
  kind: 'device';
  device: SurveyedDevice;
  /** `YYYY-MM-DD`, as the device lists it (and as its download path wants it). */
  day: string;
}

export function deviceDayItems(devices: readonly SurveyedDevice[], range: DateRange, time: LakeTime): ProviderItem<DeviceDay>[] {
  const cutoff = sameDayCutoff(range, time);
  const found: { order: number; item: ProviderItem<DeviceDay> }[] = [];
  devices.forEach((device, order) => {
    for (const day of device.days) {
      const date = time.dayStart(day);
      if (!isInRange(date, range)) continue;
      if (cutoff !== null && date.getTime() >= cutoff.getTime()) continue;
      const item = { base: device.siteBase, ext: ZIP_EXT, date, dateEnd: null, label: `${day}_${device.siteBase}.zip`, payload: { kind: 'device' as const, device, day } };
      found.push({ order, item });
    }
  });
  found.sort((a, b) => a.item.date.getTime() - b.item.date.getTime() || a.order - b.order);
  return found.map(({ item }) => item);
}
