import { LakeError } from '@lake/core';

/** No unit-data snapshot at all to attach device ids from (B-7: the original crashed here). */
export class UnitDataMissing extends LakeError {
  constructor(day: string, repository: string) {
    super(
      'UNIT_DATA_MISSING',
      `no Bluetooth unit data in ${repository} to make the ready file of ${day}`,
      'run bt:standard (it stores the day\'s unit data), or store a unit-data snapshot, then run bt:ready again',
    );
  }
}
