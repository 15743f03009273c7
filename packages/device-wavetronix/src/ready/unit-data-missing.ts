import { LakeError } from '@lake/core';

/** wt:ready found no unit-data snapshot at all (upstream crashed, W-6). */
export class UnitDataMissing extends LakeError {
  constructor(day: string, repository: string) {
    super(
      'UNIT_DATA_MISSING',
      `no Wavetronix unit data in ${repository} to describe the radars of ${day}`,
      'run lake wt standard (it stores the day\'s unit data), or configure unitData.wt in lake.config.json',
    );
  }
}
