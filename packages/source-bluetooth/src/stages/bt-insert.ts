// AWAM share → raw repository (bluetooth.md §2): each day's IAF, ITMF and TMSR file stored byte
// for byte as `Austin_bt_YYYY-MM-DD_<type>.txt`.
import { FileProvider, Stage, type FilePattern, type Provider, type StageContext, type WorkItem } from '@lake/core';
import { awamFilePatterns, rawExt } from '../formats/awam-file-names';

export class BluetoothInsert extends Stage<FilePattern> {
  readonly name = 'bt:insert';
  readonly description = 'Store the AWAM Bluetooth files of a folder (IAF, ITMF, TMSR) in the raw repository';
  readonly dataSource = 'bt';
  readonly to = 'raw';
  readonly perfmetStage = 'Ingest';
  readonly options = [
    { name: 'sourcedir', char: 'd', kind: 'string' as const, description: 'folder holding the AWAM files (Austin_bt_MM-DD-YYYY.txt, …)', default: '.' },
  ];

  override sourceProvider(ctx: StageContext): Provider<FilePattern> {
    const areaBase = ctx.lake.areaBase;
    const awamPatterns = awamFilePatterns(areaBase);
    return new FileProvider({
      directory: ctx.option<string>('sourcedir') ?? '.',
      patterns: awamPatterns.map(({ pattern }) => pattern),
      // Every file of the area shares one base; the type goes into the ext (B-13: upstream cut
      // the base out of the first prefix).
      identify: (pattern) => {
        const awam = awamPatterns.find((candidate) => candidate.pattern === pattern)!;
        return { base: areaBase, ext: rawExt(awam.fileType) };
      },
      time: ctx.time,
      log: ctx.log,
    });
  }

  async processItem(item: WorkItem<FilePattern>, ctx: StageContext): Promise<number> {
    const target = await ctx.target();
    const id = { base: item.base, ext: item.ext, date: item.date, processingDate: ctx.state.processingDate };
    ctx.log.info(`${item.label} -> ${target.repository}:${target.key(item.base, item.ext, item.date)}`);
    await target.writeFile(item.label, id, { stageCatalog: true });
    ctx.perfmet.recordCollect(item.date);
    return 1;
  }
}
