// What can go wrong between lake and a Knack application, each with a code and a hint.
import { LakeError } from '@lake/core';

const OBJECTS_HINT = 'check the object keys (unitData.objects in lake.config.json, or the source plugin mapping)';

/** The application has no object with that key. */
export class KnackUnknownObject extends LakeError {
  constructor(objectKey: string, known: string[]) {
    super('KNACK_UNKNOWN_OBJECT', `the Knack application has no object "${objectKey}"`, `${OBJECTS_HINT}; its objects are ${known.join(', ') || '(none)'}`);
  }
}

/** Knack answered, but not with the shape its API documents. */
export class KnackUnexpectedAnswer extends LakeError {
  constructor(what: string, why: string) {
    super('KNACK_UNEXPECTED_ANSWER', `Knack answered ${what} with ${why}`, 'check unitData.baseUrl in lake.config.json: it must point at the Knack API (https://api.knack.com/v1)');
  }
}

/** The mapping names a label that neither Knack table has. */
export class InventoryLabelMissing extends LakeError {
  constructor(label: string, neededFor: string, whereMissing: string) {
    super(
      'UNIT_DATA_LABEL_MISSING',
      `${neededFor} needs the field label "${label}", but ${whereMissing}`,
      'Knack labels are case-sensitive: check the field names in the Knack builder, or the renames of the source plugin mapping',
    );
  }
}

/** No installed plugin told the knack driver how to read this source's inventory. */
export class NoUnitDataMapping extends LakeError {
  constructor(dataSource: string, stagesPlugin?: string) {
    super(
      'NO_UNIT_DATA_MAPPING',
      `no plugin declares how to read the "${dataSource}" sensor inventory from Knack`,
      stagesPlugin
        ? `${stagesPlugin} provides the ${dataSource} stages but no knack unit-data mapping: update it, or configure another unitData driver for ${dataSource}`
        : `install the source plugin of "${dataSource}" (it contributes unitDataMappings.knack), or configure another unitData driver for ${dataSource}`,
      2,
    );
  }
}
