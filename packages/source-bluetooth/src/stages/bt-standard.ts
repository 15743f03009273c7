// Raw AWAM files → standardized JSON (bluetooth.md §3), streamed record by record, plus the day's
// Bluetooth unit data stored beside them.
import {
  Stage,
  type CatalogEntry,
  type DateRange,
  type Provider,
  type ProviderItem,
  type StageContext,
  type WorkItem,
} from '@lake/core';
import { jsonExt, rawExt } from '../formats/awam-file-names';
import { FILE_TYPES, type BluetoothFileType, type BluetoothHeader } from '../formats/file-types';
import { AwamToStandardizedJson } from '../formats/awam-to-json';
import { RecordStandardizer } from '../formats/standardize-records';
import { UNMATCHED_ENTRIES, UnmatchedReaderTally } from '../formats/unmatched-reader-tally';

export class BluetoothStandard extends Stage<CatalogEntry> {
  readonly name = 'bt:standard';
  readonly description = 'Turn raw AWAM Bluetooth files into standardized JSON and store the day\'s unit data';
  readonly dataSource = 'bt';
  readonly from = 'raw';
  readonly to = 'standardized';
  readonly perfmetStage = 'Standardize';

  /**
   * The standardized rows, with `<type>.json` read as `<type>.txt`: keyed by base+ext, a raw file
   * is then done exactly when its own standardized file exists, so a day with only `matched.json`
   * still gets its `unmatched.txt` standardized (upstream keyed by base alone, core C-15).
   */
  override targetProvider(ctx: StageContext): Provider {
    const standardized = ctx.catalogProvider(this.to);
    return {
      async *items(range: DateRange): AsyncIterable<ProviderItem> {
        for await (const item of standardized.items(range)) yield { ...item, ext: rawExtOfJson(item.ext) };
      },
    };
  }

  /** Unit data are fetched first, but a failure must not keep the day's files waiting. */
  override async beforeItems(ctx: StageContext): Promise<void> {
    await ctx.prefetchUnitData();
  }

  async processItem(item: WorkItem<CatalogEntry>, ctx: StageContext): Promise<number> {
    const fileType = FILE_TYPES.find((type) => rawExt(type) === item.ext);
    if (!fileType) {
      ctx.log.warn(`Unsupported file type or extension: ${item.ext}`);
      return 0;
    }
    await ctx.storePrefetchedUnitDataOnce();

    const source = await ctx.source();
    const target = await ctx.target();
    ctx.log.info(`${item.label}: ${source.repository} -> ${target.repository}`);
    const ext = jsonExt(fileType);
    const originFileName = item.label.slice(item.label.lastIndexOf('/') + 1);
    const header: BluetoothHeader = {
      data_type: 'bluetooth',
      file_type: fileType,
      origin_filename: originFileName,
      target_filename: target.fileName(item.base, ext, item.date),
      collection_date: ctx.time.format(item.date),
      processing_date: ctx.time.format(ctx.state.processingDate),
    };

    const standardizer = new RecordStandardizer(fileType, ctx.time);
    const readers = fileType === 'unmatched' ? new UnmatchedReaderTally() : null;
    const json = new AwamToStandardizedJson(standardizer, ctx.time, readers);
    const raw = await source.read(item.label);
    await target.write(json.stream(header, raw), { base: item.base, ext, date: item.date, processingDate: ctx.state.processingDate });

    const summary = standardizer.problems.summary(originFileName);
    if (summary) ctx.log.warn(`${summary} (${standardizer.problems.examples.join('; ')})`);
    for (const tally of readers?.tallies() ?? []) {
      ctx.perfmet.recordSensorObs(tally.readerId, UNMATCHED_ENTRIES, {
        observation: tally.count,
        collectionDate: item.date,
        minTimestamp: tally.minTimestamp,
        maxTimestamp: tally.maxTimestamp,
      });
    }
    ctx.perfmet.recordCollect(item.date);
    return json.records;
  }

}

/** `unmatched.json` → `unmatched.txt`; any other ext unchanged. */
function rawExtOfJson(ext: string): string {
  const fileType = FILE_TYPES.find((type: BluetoothFileType) => jsonExt(type) === ext);
  return fileType ? rawExt(fileType) : ext;
}
