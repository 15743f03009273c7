// @lake/device-wavetronix as a library: the KITS database access, the formats, the four stages
// and the plugin. Nothing here imports oclif (the commands and the init hook do).
export { wavetronixPlugin } from './plugin';
export { wavetronixSample } from './samples/wavetronix-sample';
export { wavetronixUnitDataMapping } from './unit-data-mapping';

// Stages
export { WavetronixInsert, type WavetronixInsertOptions, type DaySource } from './stages/wt-insert';
export { WavetronixStandard } from './stages/wt-standard';
export { WavetronixReady } from './stages/wt-ready';
export { WavetronixPublish, datasetOf } from './stages/wt-publish';

// The KITS database
export { KitsDatabase, type KitsDatabaseOptions } from './database/kits-database';
export { readDatabaseSettings, databaseSettingsFromUrl, mssqlConfig, databaseLabel, kitsTables, KitsDatabaseNotConfigured, DEFAULT_CONNECTION_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT_MS, type KitsDatabaseSettings } from './database/database-settings';
export { KitsDatabaseUnavailable, KitsQueryFailed } from './database/database-errors';
export { dateFilter, dayQuery, dayRecordsQuery, wallDate, dayOfDateValue, KITS_TABLES, KITS_HISTORY_TABLE, KITS_DETECTOR_TABLE, type KitsTables, type SqlQuery, type SqlParameter } from './database/kits-query';
export { connectMssql, type SqlConnector, type SqlPool, type SqlRequest } from './database/sql-client';

// Formats
export * from './formats/wavetronix-columns';
export { RawCsvWriter, RAW_CSV_HEADER, csvField, csvLine, integerText, wallTimeText, type KitsRow } from './formats/raw-csv';
export { readCsvRecords, CsvLineSplitter, type CsvRecord, type CsvRecordBatch } from './formats/csv-records';
export { WavetronixStandardizer, StandardizeProblems } from './formats/standardize-records';
export { parseWallText, wallInstants, WallTimeReader, type WallInstants, type WallTimeReading } from './formats/wall-time';
export { VehicleCountTally, type IntersectionCounts } from './formats/vehicle-counts';
export { jsonFileStream, orderedHeader } from './formats/standardized-json';

// Ready
export { wavetronixDeviceIds, DEVICE_ID_KEYS, type UnitDevice } from './ready/device-id';
export { KitsDevices, type KitsDevice, type SharedKitsId } from './ready/kits-devices';
export { makeReadyFile, droppedRows, InvalidWavetronixFile, type ReadyReport, type ReadyFileOptions } from './ready/ready-file';
export { ReadySorter, OrderKeys, WallOrderCheck, compareKeys, type OrderKey } from './ready/ready-order';
export { UnitDataMissing } from './ready/unit-data-missing';

// Publish
export { SocrataRows, timebin, direction, rowId, emptyRowTally, type RowTally } from './publish/socrata-row';
