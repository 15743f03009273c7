import { Args, Flags } from '@oclif/core';
import { EXPORT_TABLES, UsageError, exportCatalog, exportCatalogToFile, type CatalogExportCounts, type ExportTable } from '@lake/core';
import { LakeCommand } from '@lake/command';

export default class CatalogExport extends LakeCommand {
  static summary = 'Back up the catalog and the perfmet tables as JSON lines';
  static description =
    'One line per row after a header line, instants to the millisecond; `lake catalog import` reads it into any catalog driver (SQLite ↔ PostgreSQL, …). Streams: memory stays flat however big the catalog.';
  static examples = [
    '<%= config.bin %> catalog export backup.jsonl',
    '<%= config.bin %> catalog export - --data-source bt | gzip > bt.jsonl.gz',
    '<%= config.bin %> catalog export ready.jsonl --purpose ready --table catalog',
  ];
  static args = { file: Args.string({ required: true, description: 'file to write (replaced once complete); - for stdout' }) };
  static flags = {
    'data-source': Flags.string({ aliases: ['source'], description: 'only this data source code (bt, wt, gs, …); perfmet rows by its display name' }),
    repository: Flags.string({ description: 'only catalog rows of this repository (perfmet rows have none)' }),
    purpose: Flags.string({ description: 'raw, standardized, ready or public (the configured repository name)', exclusive: ['repository'] }),
    debug: Flags.boolean({ description: 'with --purpose: the debug repository name' }),
    table: Flags.string({ multiple: true, options: [...EXPORT_TABLES], description: 'only these tables (default all)' }),
  };

  async run(): Promise<CatalogExportCounts> {
    const { args, flags } = await this.parse(CatalogExport);
    if (args.file === '-' && this.jsonEnabled()) throw new UsageError('--json cannot be used when exporting to stdout (-)', 'export to a file, or leave out --json');
    const lake = this.openLake(flags);
    const options = {
      dataSource: flags['data-source'],
      repository: flags.repository ?? (flags.purpose ? lake.repository(flags.purpose, flags.debug) : undefined),
      tables: flags.table as ExportTable[] | undefined,
    };
    const counts = args.file === '-' ? await exportCatalog(lake, process.stdout, options) : await exportCatalogToFile(lake, args.file, options);
    const summary = `exported ${counts.catalog} catalog row(s), ${counts.perfmet_job} perfmet job(s), ${counts.perfmet_obs} observation(s)`;
    // stdout may be the export itself.
    if (!this.jsonEnabled()) this.logToStderr(args.file === '-' ? summary : `${summary} to ${args.file}`);
    return counts;
  }
}
