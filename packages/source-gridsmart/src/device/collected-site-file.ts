// The site file gs:insert keeps of a device (gridsmart.md §2 step 2): what the device said about
// itself during this run, filed under the run day (not the data day).
import type { LakeTime } from '@lake/core';
import type { SiteFile } from '../site/site-file';
import type { SurveyedDevice } from './device-survey';

export function collectedSiteFile(device: SurveyedDevice, runDay: Date, time: LakeTime): SiteFile {
  return {
    header: {
      data_type: 'gs_site',
      // Upstream's name for it, which differs from the storage name (kept for compatibility).
      target_filename: `${device.siteBase}_site_${time.calendarDate(runDay)}.json`,
      collection_date: time.format(runDay),
      device_net_addr: device.address,
    },
    site: device.site,
    datetime: device.clock,
    hardware_info: device.hardware,
  };
}
