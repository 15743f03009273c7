import { LakeError } from '@lake/core';

/** gs:ready found no unit-data snapshot at all (upstream crashed, gridsmart.md §8.12). */
export class UnitDataMissing extends LakeError {
  constructor(day: string, repository: string) {
    super(
      'UNIT_DATA_MISSING',
      `no GRIDSMART unit data in ${repository} to match the devices of ${day}`,
      "run lake gs standard (it stores the day's unit data), or configure unitData.gs in lake.config.json",
    );
  }
}

/** No site file describes the intersection (upstream printed an error and skipped the base). */
export class SiteFileMissing extends LakeError {
  constructor(base: string, day: string, repository: string) {
    super(
      'SITE_FILE_MISSING',
      `no GRIDSMART site file for ${base} in ${repository} to describe ${day}`,
      'run lake gs standard for that day: it copies the site file gs insert fetched from the device',
    );
  }
}
