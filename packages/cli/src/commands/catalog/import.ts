import { Args, Flags } from '@oclif/core';
import { DEFAULT_IMPORT_BATCH, importCatalog, importCatalogFile, type CatalogImportLineError, type CatalogImportResult } from '@lake/core';
import { LakeCommand } from '@lake/command';

export default class CatalogImport extends LakeCommand {
  static summary = 'Restore catalog and perfmet rows from a `lake catalog export` file';
  static description =
    'Writes through the configured drivers in batches. Importing a file twice adds nothing: catalog rows and observations upsert on their keys, and a perfmet job already stored (same data source, stage and processing date) is skipped. A malformed line is reported with its number, the others go in, and the exit code is 1.';
  static examples = ['<%= config.bin %> catalog import backup.jsonl --config postgres.config.json', 'gunzip -c bt.jsonl.gz | <%= config.bin %> catalog import -'];
  static args = { file: Args.string({ required: true, description: 'file to read; - for stdin' }) };
  static flags = {
    'batch-size': Flags.integer({ min: 1, default: DEFAULT_IMPORT_BATCH, description: 'rows per catalog upsert and per observation write' }),
  };

  async run(): Promise<CatalogImportResult> {
    const { args, flags } = await this.parse(CatalogImport);
    const lake = this.openLake(flags);
    const options = { batchSize: flags['batch-size'], onLineError: (error: CatalogImportLineError) => this.logToStderr(`Error: ${error.message}`) };
    const result = args.file === '-' ? await importCatalog(lake, process.stdin, options) : await importCatalogFile(lake, args.file, options);
    if (!this.jsonEnabled()) {
      this.log(
        `imported ${result.catalog} catalog row(s), ${result.perfmetJobs} perfmet job(s) (${result.perfmetJobsSkipped} already stored), ${result.perfmetObservations} observation(s)` +
          (result.errorCount ? `; ${result.errorCount} line(s) could not be imported` : ''),
      );
    }
    if (result.errorCount > 0) process.exitCode = 1;
    return result;
  }
}
