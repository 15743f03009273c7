import { Flags } from '@oclif/core';
import { verifyCatalog, type CatalogVerification } from '@lake/core';
import { LakeCommand } from '@lake/command';

export default class CatalogVerify extends LakeCommand {
  static summary = 'Check that catalog rows and stored files match';
  static description =
    'Every catalog row of a storage repository must point at a stored object, and every lake file (YYYY/MM/DD/<ds>/<file>) a repository holds must have a row. The public repository (dataset ids, not files) is skipped. Exit code 1 when anything does not match.';
  static examples = ['<%= config.bin %> catalog verify', '<%= config.bin %> catalog verify --purpose raw --data-source bt --json'];
  static flags = {
    repository: Flags.string({ description: 'only this repository (default every storage repository of the config and the catalog)' }),
    purpose: Flags.string({ description: 'raw, standardized, ready (the configured repository name)', exclusive: ['repository'] }),
    debug: Flags.boolean({ description: 'with --purpose: the debug repository name' }),
    'data-source': Flags.string({ aliases: ['source'], description: 'only rows and files of this data source code' }),
    'max-listed': Flags.integer({ min: 0, default: 1000, description: 'mismatches listed per kind and repository (all are counted)' }),
  };

  async run(): Promise<CatalogVerification> {
    const { flags } = await this.parse(CatalogVerify);
    const lake = this.openLake(flags);
    const result = await verifyCatalog(lake, {
      repository: flags.repository ?? (flags.purpose ? lake.repository(flags.purpose, flags.debug) : undefined),
      dataSource: flags['data-source'],
      maxListed: flags['max-listed'],
    });
    if (!this.jsonEnabled()) {
      for (const checked of result.repositories) {
        const problems = checked.rowsWithoutFileCount + checked.filesWithoutRowCount;
        this.log(`${checked.repository}: ${checked.rows} row(s), ${checked.files} file(s) — ${problems ? 'MISMATCH' : 'ok'}`);
        if (checked.rowsWithoutFileCount) this.log(`  ${checked.rowsWithoutFileCount} row(s) without a file:`);
        for (const row of checked.rowsWithoutFile) this.log(`    ${row.collection_date}  ${row.data_source}  ${row.id_base}  ${row.id_ext}  → ${row.pointer}`);
        if (checked.filesWithoutRowCount) this.log(`  ${checked.filesWithoutRowCount} file(s) without a row:`);
        for (const key of checked.filesWithoutRow) this.log(`    ${key}`);
      }
      for (const { repository, reason } of result.skipped) this.log(`${repository}: skipped (${reason})`);
    }
    if (!result.ok) process.exitCode = 1;
    return result;
  }
}
