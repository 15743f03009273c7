// @lake/catalog-postgrest as a library: the lake catalog and perfmet tables behind PostgREST, as
// the original deployment ran them. No oclif here (the init hook in hooks/init.ts is the CLI's way in).

export { PostgrestCatalogDriver, POSTGREST_DRIVER, DEFAULT_CATALOG_TABLE, CATALOG_SELECT, type PostgrestCatalogConfig } from './postgrest-catalog-driver';
export {
  PostgrestPerfmetDriver,
  DEFAULT_JOB_TABLE,
  DEFAULT_OBSERVATION_TABLE,
  JOB_SELECT,
  OBSERVATION_SELECT,
  type PostgrestPerfmetConfig,
} from './postgrest-perfmet-driver';
export { PostgrestTable, groupByKeys, type PostgrestParams, type PostgrestRow, type PostgrestTableOptions, type SelectOptions } from './postgrest-table';
export { connectionSettings, tableUrl, DEFAULT_PAGE_SIZE, type PostgrestConnection } from './postgrest-settings';
export { parseContentRange, type ContentRange } from './content-range';
export { textFilter, nullEndBound, type TextFilter, type NullEndBound } from './catalog-filters';
export { PostgrestRequestFailed, PostgrestUnauthorized, PostgrestUnreachable, PostgrestUnexpectedAnswer, type PostgrestErrorBody } from './postgrest-errors';
export { postgrestPlugin } from './plugin';
