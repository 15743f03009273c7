// standardized JSON → public dataset rows, one per reading, identified by an MD5 row id.
import { createHash } from 'node:crypto';
import { Stage, type CatalogEntry, type StageContext, type WorkItem } from '@lake/core';
import type { CountRecord } from '../formats/counts-csv';

export const EXAMPLE_DATASET = 'example-counts';

export class ExamplePublish extends Stage<CatalogEntry> {
  readonly name = 'ex:publish';
  readonly description = 'Publish standardized counts to the example dataset';
  readonly dataSource = 'ex';
  readonly from = 'standardized';
  readonly to = 'public';
  readonly perfmetStage = 'Publish';
  readonly keyMode = 'base' as const;

  async processItem(item: WorkItem<CatalogEntry>, ctx: StageContext): Promise<number> {
    const source = await ctx.source();
    const file = (await source.readJson(item.label)) as { data: CountRecord[] };
    const publisher = await ctx.publisher(EXAMPLE_DATASET);
    const day = ctx.time.calendarDate(item.date);
    for (const record of file.data) {
      await publisher.add({ row_id: createHash('md5').update(`${record.sensor}${day}`).digest('hex'), sensor: record.sensor, day, count: record.count });
    }
    await publisher.flush();
    await ctx.recordPublished(item, EXAMPLE_DATASET);
    ctx.perfmet.recordCollect(item.date);
    return file.data.length;
  }
}
