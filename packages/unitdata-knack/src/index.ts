// @lake/unitdata-knack as a library: read a sensor inventory from Knack without the CLI.
// No oclif here (the init hook in hooks/init.ts is the CLI's way in).

export { KnackClient, KNACK_API_URL, KNACK_ROWS_PER_PAGE, type KnackClientOptions, type KnackFilter, type KnackRecordsOptions, type KnackFieldMap } from './knack-client';
export { labelRecord, emptyToNull, type KnackApiRecord, type LabelledRecord, type FieldLabels } from './knack-record';
export { buildInventory, withCoordinates, toUnitDataDevice, sourceLabels, joinValue, LOCATION_LABEL, LATITUDE_LABEL, LONGITUDE_LABEL, type Inventory, type InventoryTables } from './inventory';
export { toInt, toFloat, trimText } from './normalize-values';
export { KnackUnitDataDriver, KNACK_DRIVER, type KnackUnitDataConfig, type KnackObjectOverrides } from './knack-unit-data-driver';
export { KnackUnknownObject, KnackUnexpectedAnswer, InventoryLabelMissing, NoUnitDataMapping } from './knack-errors';
export { knackPlugin } from './plugin';
