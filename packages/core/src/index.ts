// @lake/core — the library every lake package builds on. No oclif here: usable from any Node
// project. Grouped by concept; each line points at the one file that owns it.

export { CORE_VERSION } from './version';
export * from './errors';

// Time and text forms
export { LakeTime, InvalidTimeText, InvalidTimeZone, DEFAULT_TIME_ZONE, earliest, type WallTime } from './time/lake-time';
export { pythonFloatText } from './time/python-float';
export { parseLakeJson, stringifyLakeJson } from './json/lake-json';
export { lakeJsonObjectStream } from './json/lake-json-writer';
export { consoleLogger, silentLogger, MemoryLogger, type Logger } from './log/logger';

// Configuration and the registry
export { DEFAULT_REPOSITORIES, PURPOSE_ORDER, type LakeConfig, type DriverConfig, type RepositoryNames, type Purpose } from './config/lake-config';
export { loadConfig, repositoryName, substituteEnv, type LoadedConfig, type LoadConfigOptions } from './config/load-config';
export { Registry, DuplicateStage } from './registry/registry';
export { hostRegistry } from './registry/host-registry';
export { definePlugin, type LakePlugin } from './registry/lake-plugin';
export type { SampleData, SampleRun } from './registry/sample-data';
export type { DriverEnv, DriverFactory, DriverFactories, DriverKind, DriverKinds } from './registry/driver-factories';
export { Lake, DEFAULT_DRIVERS, type OpenLakeOptions } from './lake/lake';
export { listCatalog, type CatalogListOptions, type CatalogListing } from './lake/list-catalog';
export { listPerfmetJobs, type PerfmetJobListOptions, type PerfmetJobListing } from './lake/list-perfmet-jobs';
export { embeddedPlugin } from './embedded/embedded-plugin';

// Compare loop and providers
export type { ProviderItem, Provider, DateRange, KeyMode, WorkItem } from './compare/provider';
export { compare, compareKey, isSideFile, type CompareOptions } from './compare/compare';
export { isSameDayCancelled, sameDayCutoff } from './compare/same-day';
export { isInRange } from './compare/date-range-filter';
export { itemInterval, intervalsOverlap, type Interval } from './compare/interval';
export { CatalogProvider, type CatalogProviderOptions, type CatalogReader } from './compare/catalog-provider';
export { compileDateFormat, UnsupportedDateFormat, type DateFormat } from './compare/date-format';
export { findDateNamedFiles, DEFAULT_DATE_FORMAT, SourceFolderUnreadable, type FilePattern, type DateNamedFile } from './compare/date-named-files';
export { FileProvider, defaultFileIdentity, type FileProviderOptions, type FileIdentity as FileItemIdentity } from './compare/file-provider';
export { DaysProvider, type DaysProviderOptions, type DayLister } from './compare/days-provider';

// Stages
export { Stage, type StageOption } from './stage/stage';
export { StageContext, type RunState } from './stage/stage-context';
export type { StageResult, ItemFailure } from './stage/stage-result';
export { resolveDateRange, describeDateRange, type RunOptions } from './stage/run-options';
export { runStage } from './stage/run-stage';
export type { RunProgress, ProgressListener } from './stage/run-progress';
export { parseStageOptionArgs } from './stage/stage-option-args';
export { planStage, type PlannedDay, type PlannedItem, type StagePlan } from './stage/plan-stage';
export { runPipeline, type PipelineOptions } from './stage/run-pipeline';
export { runDemo, NoSampleData, type DemoResult } from './demo/run-demo';
export { sampleRandom, rushHourShare } from './samples/sample-random';
export { summarizeRun, type RunSummary, type SummaryWindow } from './demo/summarize-run';

// Storage
export type { StorageDriver, StoredObject } from './storage/storage-driver';
export { lakeFileName, lakeKey, folderKey, fileNameOfKey, assertSafeNamePart } from './storage/naming';
export { ObjectNotFound, InvalidStorageKey, UnsafeFileName } from './storage/storage-errors';
export { Storage, type FileIdentity, type CatalogWriter, type WriteOptions, type StorageOptions } from './storage/storage';
export { LocalStorageDriver } from './storage/local-storage-driver';

// Catalog
export { catalogKey, type CatalogEntry, type CatalogQuery, type CatalogOverlapQuery } from './catalog/catalog-entry';
export type { CatalogDriver } from './catalog/catalog-driver';
export { Catalog, type CatalogOptions, type CatalogPickQuery, type SearchableListQuery } from './catalog/catalog';
export { SearchableList } from './catalog/searchable-list';
export { SqliteCatalogDriver, CATALOG_PATTERN_MARKER, type SqliteCatalogOptions } from './catalog/sqlite-catalog-driver';
export { InvalidCatalogEntry, InvalidCatalogQuery, catalogRowLimit, requireCatalogText, catalogInstantMs } from './catalog/catalog-checks';
export { openLakeDatabase, LakeDatabaseUnavailable, type LakeDatabase } from './sqlite/open-lake-database';

// Perfmet
export type { PerfmetDriver, PerfmetJob, PerfmetObservation, PerfmetJobQuery, PerfmetObservationQuery } from './perfmet/perfmet-driver';
export { PerfmetRecorder, type PerfmetRecorderOptions, type SensorObservation } from './perfmet/perfmet-recorder';
export { DATA_SOURCE_NAMES, dataSourceName } from './perfmet/data-source-names';
export { SqlitePerfmetDriver, type SqlitePerfmetOptions } from './perfmet/sqlite-perfmet-driver';
export { writePerfmetReport, perfmetReportData, ReportNotWritable, DEFAULT_REPORT_FILE, type PerfmetReportOptions, type PerfmetReportSummary } from './perfmet/report/write-perfmet-report';
export { DEFAULT_THRESHOLD_PERCENT } from './perfmet/report/compute-report';
export { DEFAULT_REPORT_DAYS, MAX_REPORT_DAYS } from './perfmet/report/gather-perfmet';
export type { PerfmetReportData, SensorReport, SensorFlag, SensorFlagKind, SensorStatus, FlaggedSensor, StageSeries, StageDay, JobRange } from './perfmet/report/report-data';

// Publishing
export type { PublishDriver, PublishRow, PublishResult, PublishWriteOptions } from './publish/publish-driver';
export { Publisher, DEFAULT_PUBLISH_CHUNK, PublishDriverMissing, PublisherClosed, type PublisherOptions } from './publish/publisher';
export { CsvPublishDriver, UnknownIdColumn, MissingRowId, LOCK_SUFFIX, type CsvPublishDriverOptions } from './publish/csv-publish-driver';
export { withFileLock, FileLocked, type FileLockOptions } from './process/file-lock';
export { CsvFile, renderCsvValue } from './publish/csv-file';
export { publishDataset, DebugPublishRefused } from './publish/debug-dataset';
export { purgePublished, type PurgeOptions } from './publish/purge/purge-published';
export { isPurgeableStage, rowIdsOf, type PublishedRowIds, type PublishedRowId, type PublicRowFilter, type PurgeableStage } from './publish/purge/published-row-ids';
export type { PurgeSummary, PurgedItem, PurgedDataset } from './publish/purge/purge-summary';
export { PurgeNotSupported, AmbiguousPublishStage, PurgeSourceMissing, PurgeDatasetMismatch, PurgeIdColumnMismatch, PurgeWroteRows } from './publish/purge/purge-errors';
export { purgeableStage } from './publish/purge/purgeable-stage';

// Unit data
export type { UnitDataDriver, UnitDataSnapshot, UnitDataHeader } from './unitdata/unit-data';
export type { UnitDataMapping, InventoryFilter } from './unitdata/unit-data-mapping';
export { atdSensorMapping } from './unitdata/atd-sensor-mapping';
export { unitDataHeader, type UnitDataHeaderOptions } from './unitdata/unit-data-header';
export { UnitDataStore, UNIT_DATA_EXT, type UnitDataSelection, type SnapshotRepository, type SnapshotCatalog } from './unitdata/unit-data-store';
export { FileUnitDataDriver, DEFAULT_UNIT_DATA_MAX_MIB, type FileUnitDataConfig, type FileUnitDataContext } from './unitdata/file-unit-data-driver';
export { UnitDataUnavailable, InvalidUnitData } from './unitdata/unit-data-errors';
export { isUnitDataSnapshot, unitDataProblem } from './unitdata/unit-data-snapshot';

// HTTP (shared by every driver that talks to a service)
export { HttpClient, HttpError, type HttpClientOptions, type HttpRequest, type HttpResponse } from './http/http-client';
export { DownloadTooLarge, DownloadNotWritable, type DownloadOptions, type DownloadResult } from './http/http-client';
export { RateLimiter } from './http/rate-limiter';
export { readLakeJsonStream, LakeJsonFile, InvalidLakeJson, MAX_JSON_DEPTH, type LakeJsonEvent, type LakeJsonStreamOptions, type LakeJsonOutline, type JsonShape, type JsonInput } from './json/lake-json-stream';

// Catalog tools: export / import (JSON lines, any driver to any driver) and verify against storage
export { CATALOG_EXPORT_FORMAT, CATALOG_EXPORT_VERSION, EXPORT_TABLES, InvalidCatalogExport, CatalogFileUnavailable, parseExportHeader, parseExportLine, type ExportTable, type CatalogExportHeader, type ExportLine, type CatalogLine, type PerfmetJobLine, type PerfmetObservationLine } from './lake/catalog-export-format';
export { exportCatalog, exportCatalogToFile, ALL_CATALOG_TIME, type CatalogExportOptions, type CatalogExportCounts } from './lake/export-catalog';
export { importCatalog, importCatalogFile, DEFAULT_IMPORT_BATCH, type CatalogImportOptions, type CatalogImportResult, type CatalogImportLineError } from './lake/import-catalog';
export { verifyCatalog, type CatalogVerifyOptions, type CatalogVerification, type RepositoryVerification, type VerifiedRow } from './lake/verify-catalog';

// Schedule: the nightly runs as a crontab, an Airflow DAG or Kubernetes CronJobs
export { exportSchedule, buildScheduleExport, isScheduleFormat, type ExportScheduleOptions, type ScheduleExport, type ExportedScheduleEntry } from './schedule/export-schedule';
export { resolveSchedule, commandWords, type ResolvedSchedule, type ResolveScheduleOptions, type ScheduleEntry } from './schedule/resolve-schedule';
export { SCHEDULE_FORMATS, DEFAULT_SCHEDULE_ENTRIES, type ScheduleFormat, type ScheduleConfig, type ScheduleEntryConfig, type ScheduleKubernetesConfig, type ScheduleAirflowConfig, type DefaultScheduleEntry } from './schedule/schedule-config';
export { InvalidSchedule, UnknownScheduleFormat, UnknownScheduleCommand, ScheduleImageMissing } from './schedule/schedule-errors';

// Sorting more records than memory holds (ready stages): sorted runs in the run's temp dir, merged
export { ExternalRecordSorter, DEFAULT_SORT_MEMORY_RECORDS, DEFAULT_UNSORTED_MEMORY_RECORDS, type ExternalSortOptions, type KeyedRecord } from './sort/external-sort';
export { SortSpillFailed, SortRunDamaged } from './sort/sort-errors';
