// Folder of `counts_YYYY-MM-DD.csv` → raw repository, byte for byte.
import { FileProvider, Stage, type FilePattern, type Provider, type StageContext, type WorkItem } from '@lake/core';

const PATTERN: FilePattern = { prefix: 'counts_', dateFormat: '%Y-%m-%d', postfix: '.csv' };

export class ExampleInsert extends Stage<FilePattern> {
  readonly name = 'ex:insert';
  readonly description = 'Store each day\'s counts file from a folder in the raw repository';
  readonly dataSource = 'ex';
  readonly to = 'raw';
  readonly perfmetStage = 'Ingest';
  readonly options = [{ name: 'sourcedir', char: 'd', kind: 'string' as const, description: 'folder holding counts_YYYY-MM-DD.csv files', default: '.' }];

  override sourceProvider(ctx: StageContext): Provider<FilePattern> {
    return new FileProvider({
      directory: ctx.option<string>('sourcedir') ?? '.',
      patterns: [PATTERN],
      identify: () => ({ base: 'Example', ext: 'csv' }),
      time: ctx.time,
      log: ctx.log,
    });
  }

  async processItem(item: WorkItem<FilePattern>, ctx: StageContext): Promise<number> {
    const target = await ctx.target();
    await target.writeFile(item.label, { base: item.base, ext: item.ext, date: item.date }, { stageCatalog: true });
    ctx.perfmet.recordCollect(item.date);
    return 1;
  }
}
