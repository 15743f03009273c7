import { Flags } from '@oclif/core';
import { listCatalog, type CatalogListing } from '@lake/core';
import { LakeCommand } from '@lake/command';

export default class CatalogList extends LakeCommand {
  static summary = 'List the files the catalog records';
  static examples = [
    '<%= config.bin %> catalog list --source bt --purpose raw -s 2019-06-01 -e 2019-06-08',
    '<%= config.bin %> catalog list --repository atd-datalake-ready --ext %%.json --json',
  ];
  static flags = {
    source: Flags.string({ description: 'data source code (bt, wt, gs, …)' }),
    purpose: Flags.string({ description: 'raw, standardized, ready or public (uses the configured repository name)', exclusive: ['repository'] }),
    repository: Flags.string({ description: 'repository name as stored in the catalog' }),
    debug: Flags.boolean({ description: 'with --purpose: the debug repository name' }),
    base: Flags.string({ description: 'id base; %% matches any text' }),
    ext: Flags.string({ description: 'id ext; %% matches any text' }),
    start_date: Flags.string({ char: 's', description: 'rows overlapping from this date (YYYY-MM-DD or N days back)' }),
    end_date: Flags.string({ char: 'e', description: 'rows overlapping before this date (exclusive)' }),
    limit: Flags.integer({ description: 'at most this many rows', default: 1000 }),
  };

  async run(): Promise<CatalogListing[]> {
    const { flags } = await this.parse(CatalogList);
    const lake = this.openLake(flags);
    const rows = await listCatalog(lake, {
      dataSource: flags.source,
      repository: flags.repository ?? (flags.purpose ? lake.repository(flags.purpose, flags.debug) : undefined),
      base: flags.base,
      ext: flags.ext,
      startDate: flags.start_date,
      endDate: flags.end_date,
      limit: flags.limit,
    });
    if (!this.jsonEnabled()) {
      for (const row of rows) this.log([row.collection_date, row.repository, row.data_source, row.id_base, row.id_ext, row.pointer].join('  '));
      this.log(`${rows.length} row(s)`);
    }
    return rows;
  }
}
