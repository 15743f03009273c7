// @lake/source-gridsmart as a library: the device API, the formats, the five stages and the
// plugin. Nothing here imports oclif (the commands and the init hook do).
export { gridsmartPlugin } from './plugin';
export { gridsmartSample } from './samples/gridsmart-sample';
export { gridsmartUnitDataMapping } from './unit-data-mapping';
export * from './gridsmart-names';
export { gridsmartSettings, DEFAULT_GRIDSMART_SETTINGS, type GridsmartSettings } from './gridsmart-settings';

// Site files
export { siteBase, dashGuid, siteZones, cameraId, type DeviceSite, type CameraDevice, type ZoneMask, type VehicleZone, type DeviceDateTime, type SiteFile, type SiteZone } from './site/site-file';
export { SiteFiles, InvalidSiteFile, type SelectedSite } from './site/site-selection';

// Stages
export { GridsmartInsert, compileNameFilter, type CountsSource, type GridsmartInsertOptions } from './stages/gs-insert';
export { GridsmartStandard, NoSiteFile, NoZoneStandardized, NestedZipSkipped } from './stages/gs-standard';
export { GridsmartReady } from './stages/gs-ready';

// The devices (gs:insert)
export { GridsmartDevice, deviceBaseUrl, type DeviceClientTuning } from './device/device-client';
export { surveyDevices, unsafeBaseReason, DuplicateSiteBase, type SurveyedDevice, type DeviceSurvey, type SurveyFailure, type SurveyOptions } from './device/device-survey';
export { polledDevices, knackNameOf, type PolledDevice } from './device/polled-devices';
export { deviceDayItems, type DeviceDay } from './device/device-days';
export { readArchivedFolder, archivedCountsProvider, type ArchivedFile, type ArchivedCounts, type ArchivedFolder } from './device/archived-counts';
export { collectedSiteFile } from './device/collected-site-file';
export { hostTimeUTC } from './device/host-time';
export { DeviceRequestFailed, DeviceAnswerNotJson, DeviceAnswerInvalid, DeviceAnswerNotZip, UnsafeSiteBase, DeviceListUnavailable, ArchivedFileNotZip, InvalidArchivedSiteFile } from './device/device-errors';

// Counts ZIPs and zone files (gs:standard)
export { standardizeZip, type StandardizedZip } from './zip/standardize-zip';
export { CountsZip, type CountsZipOptions, type WalkNote } from './zip/counts-zip';
export { CorruptZip, NoCameraDirectory, ZipTooLarge } from './zip/zip-errors';
export { standardizeZone, ZoneFileError, type ZoneContext, type ZoneResult } from './formats/zone-standardizer';
export { clockDelta, type ClockDelta } from './formats/device-clock';
export { v8RecordUtc, v4RecordUtc, dayCovered, formatMicros } from './formats/record-time';
export { columnsOf, type CountsVersion, type ZoneRecord } from './formats/gridsmart-columns';

// Matching sites to the inventory and the day's counts (gs:ready)
export { matchDevice, type DeviceMatch, type DeviceMatchResult, type MatchedDevice, type MatchMethod, type MatchNote, type MatchSettings, type SiteIdentity, type UnitDevice } from './match/device-match';
export { sequenceRatio, matchingBlocks, type MatchingBlock } from './match/sequence-matcher';
export { distanceFeet } from './match/gps-distance';
export { gatherCounts, type GatheredCounts, type ZoneFileOpener, type MissingAdjacent } from './ready/gather-counts';
export { readZoneDay, dayWindow, InvalidZoneFile, type ZoneDayRead, type DayWindow, type ZoneRecordsSink } from './ready/zone-day';
export { DayCounts, type CountsSink, type DayCountsOptions } from './ready/day-counts';
export { countsFileStream, countsHeader, COUNTS_DATA_TYPE, type CountsFile, type CountsHeader } from './ready/counts-file';
export { intersectionDays } from './ready/intersection-days';
export { UnitDataMissing, SiteFileMissing } from './ready/ready-errors';

// Aggregation and publishing
export { GridsmartReadyAgg } from './stages/gs-ready-agg';
export { GridsmartPublish } from './stages/gs-publish';
export { CountsAggregator, type AggregateRow, type AggregationTally, type AggregationOptions } from './aggregate/counts-aggregator';
export { makeAggregationFile, InvalidCountsFile, type AggregationFileOptions, type AggregationReport } from './aggregate/aggregation-file';
export { numpyRound } from './aggregate/numpy-round';
export { AGG_OPTION, DEFAULT_AGG_MINUTES, aggMinutes } from './aggregate/agg-minutes';
export { CameraCountsRows, hasDeviceInformation, type CountsDevice, type CameraCountsOptions } from './publish/camera-counts-row';
export { recordId } from './publish/record-id';
export { DIRECTIONS, MOVEMENTS } from './publish/direction-movement';
