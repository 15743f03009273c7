// raw CSV → standardized JSON (header + data), with one perfmet observation per sensor.
import { Stage, type CatalogEntry, type StageContext, type WorkItem } from '@lake/core';
import { parseCountsCsv } from '../formats/counts-csv';

export class ExampleStandard extends Stage<CatalogEntry> {
  readonly name = 'ex:standard';
  readonly description = 'Turn raw counts CSV into standardized JSON';
  readonly dataSource = 'ex';
  readonly from = 'raw';
  readonly to = 'standardized';
  readonly perfmetStage = 'Standardize';
  // One raw csv becomes one standardized json per day: keyed by base+ext the two would never
  // match, and every run would standardize every day again.
  override readonly keyMode = 'base' as const;

  async processItem(item: WorkItem<CatalogEntry>, ctx: StageContext): Promise<number> {
    const source = await ctx.source();
    const target = await ctx.target();
    const fileName = item.label.split('/').pop() ?? item.label;
    const { records, problems } = parseCountsCsv(await source.readText(item.label), fileName);
    for (const problem of problems) ctx.log.warn(problem);
    await target.writeJson(
      {
        header: {
          data_type: 'example',
          origin_filename: fileName,
          target_filename: target.fileName(item.base, 'json', item.date),
          collection_date: ctx.time.format(item.date),
          processing_date: ctx.time.format(ctx.state.processingDate),
          rows_skipped: problems.length,
        },
        data: records,
      },
      { base: item.base, ext: 'json', date: item.date },
      { stageCatalog: true },
    );
    for (const [sensor, total] of totalsBySensor(records)) {
      ctx.perfmet.recordSensorObs(sensor, 'Vehicle Counts', { observation: total, collectionDate: item.date });
    }
    ctx.perfmet.recordCollect(item.date);
    return records.length;
  }
}

function totalsBySensor(records: { sensor: string; count: number }[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const record of records) totals.set(record.sensor, (totals.get(record.sensor) ?? 0) + record.count);
  return totals;
}
