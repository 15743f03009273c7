import { LakeError } from '../errors';

/** The configured inventory source could not give a snapshot (missing file, bad JSON, …). */
export class UnitDataUnavailable extends LakeError {
  constructor(where: string, reason: string, hint = 'check unitData in lake.config.json') {
    super('UNIT_DATA_UNAVAILABLE', `no unit data from ${where}: ${reason}`, hint);
  }
}

/** A stored or supplied object is not a unit-data snapshot. */
export class InvalidUnitData extends LakeError {
  constructor(where: string, reason: string) {
    super('INVALID_UNIT_DATA', `${where} is not unit data: ${reason}`, 'a unit-data file is {"header": {...}, "devices": [...]}');
  }
}
