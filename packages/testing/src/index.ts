// @lake/testing: jest suites every driver of one interface runs, so the drivers are held to one
// contract instead of copies of it. Used from specs only (a dev dependency).
export { collect } from './collect';
export { catalogFixtures, perfmetFixtures, type FixtureCalendar } from './fixtures';
export type { StoreHooks } from './opened-per-case';
export {
  describeCatalogDriverConformance,
  type CatalogConformanceOptions,
  type CatalogDriverFactory,
  type CatalogDriverTuning,
} from './catalog-driver-conformance';
export {
  describePerfmetDriverConformance,
  type PerfmetConformanceOptions,
  type PerfmetDriverFactory,
  type PerfmetDriverTuning,
} from './perfmet-driver-conformance';
export { describeStorageDriverConformance, type StorageDriverFactory } from './storage-driver-conformance';
export { expectLibraryEntryLoadsNoOclif, oclifModulesLoadedBy } from './library-entry';
export { forkTs, REGISTER_TS, tsChildEnv, type ForkOptions, type ForkResult } from './ts-child-process';
export { catalogToolsFixtures, seedCatalogTools, type CatalogToolsRows } from './catalog-tools-fixtures';
export {
  Lcg,
  textVariants,
  zipVariants,
  zipLayout,
  jsonVariants,
  jsonPaths,
  rowVariants,
  ROW_MUTATIONS,
  hugeLine,
  peakRssBytes,
  INVALID_UTF8,
  TEXT_MUTATIONS,
  ZIP_MUTATIONS,
  JSON_MUTATIONS,
  type HostileVariant,
  type TextMutation,
  type TextVariantOptions,
  type ZipMutation,
  type ZipVariantOptions,
  type JsonMutation,
  type JsonVariant,
  type JsonVariantOptions,
  type RowMutation,
  type RowVariant,
  type RowVariantOptions,
} from './hostile-input';
export { withPrivateTmp, fileTree, type PrivateTmpResult } from './watched-writes';
export { SourceTestLake, type SourceTestLakeOptions } from './source-test-lake';
