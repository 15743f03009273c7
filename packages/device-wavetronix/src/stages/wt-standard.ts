// Raw day CSV → standardized JSON (wavetronix.md §2), streamed row by row, plus the day's radar
// unit data stored beside it and one perfmet observation per intersection.
import { Stage, type CatalogEntry, type KeyMode, type StageContext, type WorkItem } from '@lake/core';
import { readCsvRecords } from '../formats/csv-records';
import { orderedHeader, jsonFileStream } from '../formats/standardized-json';
import { WavetronixStandardizer } from '../formats/standardize-records';
import { JSON_EXT, VEHICLE_COUNTS, type WavetronixHeader, type WavetronixRecord } from '../formats/wavetronix-columns';

export class WavetronixStandard extends Stage<CatalogEntry> {
  readonly name = 'wt:standard';
  readonly description = 'Turn raw Wavetronix day CSVs into standardized JSON and store the day\'s radar unit data';
  readonly dataSource = 'wt';
  readonly from = 'raw';
  readonly to = 'standardized';
  readonly perfmetStage = 'Standardize';
  // One file per day, csv → json: keyed by base, the unit-data files beside them ignored.
  override readonly keyMode: KeyMode = 'base';

  /** Unit data are fetched first, but a failure must not keep the day's files waiting. */
  override async beforeItems(ctx: StageContext): Promise<void> {
    await ctx.prefetchUnitData();
  }

  async processItem(item: WorkItem<CatalogEntry>, ctx: StageContext): Promise<number> {
    await ctx.storePrefetchedUnitDataOnce();
    const source = await ctx.source();
    const target = await ctx.target();
    ctx.log.info(`${item.label}: ${source.repository} -> ${target.repository}`);
    const originFileName = item.label.slice(item.label.lastIndexOf('/') + 1);
    const header: WavetronixHeader = {
      data_type: 'wavetronix',
      origin_filename: originFileName,
      target_filename: target.fileName(item.base, JSON_EXT, item.date),
      collection_date: ctx.time.format(item.date),
      processing_date: ctx.time.format(ctx.state.processingDate),
    };

    const standardizer = new WavetronixStandardizer(ctx.time);
    let written = 0;
    let longLines = 0;
    const raw = await source.read(item.label);
    async function* standardized(): AsyncGenerator<WavetronixRecord[]> {
      for await (const batch of readCsvRecords(raw)) {
        longLines += batch.longLines;
        const records = standardizer.add(batch.records, batch.lines);
        written += records.length;
        yield records;
      }
      const rest = standardizer.finish();
      written += rest.length;
      yield rest;
    }
    const id = { base: item.base, ext: JSON_EXT, date: item.date, processingDate: ctx.state.processingDate };
    await target.write(jsonFileStream({ ...orderedHeader(header) }, standardized()), id);

    const problems = standardizer.problems.summary(originFileName);
    if (problems) ctx.log.warn(problems);
    if (longLines > 0) ctx.log.warn(`${originFileName}: ${longLines} lines had more fields than the header; the extra fields were ignored`);
    if (standardizer.skippedTimes > 0) {
      ctx.log.warn(`${originFileName}: ${standardizer.skippedTimes} times fall in the hour the spring-forward change skipped; read with the offset before the change, as upstream`);
    }
    if (standardizer.firstPassRows > 0) {
      ctx.log.info(`${originFileName}: ${standardizer.firstPassRows} rows read as the first pass through the repeated hour (daylight time)`);
    }
    for (const counts of standardizer.vehicleCounts.intersections()) {
      ctx.perfmet.recordSensorObs(counts.intName, VEHICLE_COUNTS, {
        observation: counts.volume,
        collectionDate: item.date,
        minTimestamp: counts.minTimestamp,
        maxTimestamp: counts.maxTimestamp,
      });
    }
    ctx.perfmet.recordCollect(item.date);
    return written;
  }

}
