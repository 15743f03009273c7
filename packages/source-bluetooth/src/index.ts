// @lake/source-bluetooth as a library: the AWAM formats, the four stages and the plugin. Nothing
// here imports oclif (the commands and the init hook do).
export { bluetoothPlugin } from './plugin';
export { bluetoothSample } from './samples/bluetooth-sample';
export { bluetoothUnitDataMapping } from './unit-data-mapping';

// Stages
export { BluetoothInsert } from './stages/bt-insert';
export { BluetoothStandard } from './stages/bt-standard';
export { BluetoothReady, type BluetoothReadyOptions } from './stages/bt-ready';
export { BluetoothPublish, datasetOf } from './stages/bt-publish';

// File types and formats
export * from './formats/file-types';
export { parseAwamTime, parseAwamWall, AwamTimeText, type AwamTimeFormat } from './formats/awam-time';
export { readAwamRecords, readAwamRecordBatches, AWAM_FIELD_LIMIT, AWAM_MAX_FIELDS, type AwamRecord, type AwamCsvProblem, type AwamCsvProblemKind, type AwamCsvOptions } from './formats/awam-csv';
export { AwamNotReadable } from './formats/awam-errors';
export { RecordStandardizer, StandardizeProblems, standardizeAwamFile, standardizeAwamBatches, EXTRA_FIELDS_KEY, type StandardizeProblemKind } from './formats/standardize-records';
export { standardizedJsonStream, standardizedJsonBatchStream, orderedHeader } from './formats/standardized-json';
export { awamFilePatterns, rawExt, jsonExt, AWAM_DATE_FORMAT, type AwamFilePattern } from './formats/awam-file-names';
export { UnmatchedReaderTally, UNMATCHED_ENTRIES, type ReaderTally } from './formats/unmatched-reader-tally';

// Ready
export { bluetoothDeviceId, type BluetoothDevice } from './ready/device-id';
export { enrichStandardized, ReadyEnricher, droppedCount, DROP_REASONS, type DropReason, type EnrichReport, type EnrichOptions, type EnrichResult } from './ready/enrich';
export { jsonFileType, standardizedFileOf, readyFileOf, InvalidBluetoothFile } from './ready/ready-file';
export { UnitDataMissing } from './ready/unit-data-missing';
export { makeReadyFile, type ReadyStreamOptions } from './ready/ready-stream';
export { SORT_KEYS, sortKeyOf, compareSortKeys, compareValues, type SortKey } from './ready/ready-order';

// Publish
export { socrataRow, ReadyDevices, emptyTally, type RowContext, type PublishTally } from './publish/rows';
export { recordId, type HashedValue } from './publish/record-id';
export { socrataTime, weekdayOf } from './publish/socrata-time';
export { DayDeviceAddresses, DeviceAddressNumbering, ADDRESS_FILE_TYPES, type AddressFileType, type ReadyRowsLoader } from './publish/device-addresses';
export { readyOutline, readyRecordBatches, recordsOf, type ReadyOutline } from './publish/ready-records';
