// @lake/publish-socrata as a library: publish rows to a Socrata portal without the CLI.
// No oclif here (the init hook in hooks/init.ts is the CLI's way in).

export { SocrataPublishDriver, SOCRATA_PAGE, type SocrataDriverOptions, type ReadIdsOptions } from './socrata-publish-driver';
export { SodaClient, type SodaClientOptions, type SodaQuery } from './soda-client';
export { readSodaCounts } from './soda-counts';
export { socrataSettings, SOCRATA_DRIVER, SOCRATA_CHUNK, SOCRATA_TIMEOUT_MS, type SocrataPublishConfig, type SocrataSettings } from './socrata-settings';
export { isDatasetId, assertDatasetId, assertFieldName } from './dataset-id';
export { soqlText, soqlRange } from './soql';
export {
  InvalidDatasetId,
  InvalidColumnName,
  SocrataRowErrors,
  SocrataAuthFailed,
  SocrataUnexpectedAnswer,
  DeleteWroteRows,
  MissingRowId,
  type SodaCounts,
} from './socrata-errors';
export { socrataPlugin } from './plugin';
