// standardized → ready (wavetronix.md §4): attach each row's radar device (joined on intID =
// kits_id) from the unit data taken after the day. Streamed, see ready/ready-file.ts.
import { Stage, UNIT_DATA_EXT, type CatalogEntry, type KeyMode, type Provider, type StageContext, type WorkItem } from '@lake/core';
import { JSON_EXT } from '../formats/wavetronix-columns';
import { droppedRows, makeReadyFile, type ReadyReport } from '../ready/ready-file';
import { UnitDataMissing } from '../ready/unit-data-missing';

export class WavetronixReady extends Stage<CatalogEntry> {
  readonly name = 'wt:ready';
  readonly description = 'Attach the radar unit data (device ids) to standardized Wavetronix files';
  readonly dataSource = 'wt';
  readonly from = 'standardized';
  readonly to = 'ready';
  readonly perfmetStage = 'Ready';
  override readonly keyMode: KeyMode = 'base';

  /** The standardized days, without the unit-data snapshots stored beside them. */
  override sourceProvider(ctx: StageContext): Provider<CatalogEntry> {
    const standardized = ctx.catalogProvider('standardized');
    return {
      async *items(range) {
        for await (const item of standardized.items(range)) if (item.ext !== UNIT_DATA_EXT) yield item;
      },
    };
  }

  async processItem(item: WorkItem<CatalogEntry>, ctx: StageContext): Promise<number> {
    const source = await ctx.source();
    const target = await ctx.target();
    const day = ctx.time.calendarDate(item.date);
    // The snapshot taken after the day describes the radars of that day (core.md §7.3).
    const unitData = await ctx.unitDataFor(item.date, 'standardized');
    if (!unitData) throw new UnitDataMissing(day, source.repository);

    ctx.log.info(`${item.label}: ${source.repository} -> ${target.repository}`);
    const id = { base: item.base, ext: JSON_EXT, date: item.date, processingDate: ctx.state.processingDate };
    const report = await makeReadyFile(
      () => source.read(item.label),
      unitData.snapshot.devices,
      { time: ctx.time, processingDate: ctx.time.format(ctx.state.processingDate), where: `${source.repository}/${item.label}` },
      (body) => target.write(body, id),
    );
    logReport(ctx, item.label, day, report);
    ctx.perfmet.recordCollect(item.date);
    return report.rowsOut;
  }
}

function logReport(ctx: StageContext, label: string, day: string, report: ReadyReport): void {
  for (const shared of report.sharedKitsIds) {
    ctx.log.warn(
      `unit data lists ${shared.ignored.length + 1} radars with kits_id ${shared.kitsId}; ` +
        `its rows are joined to device ${shared.used} only (not ${shared.ignored.join(', ')})`,
    );
  }
  if (report.sortedInMemory) ctx.log.warn(`${label}: rows were not in time order; sorted in memory`);
  if (report.notRecords > 0) ctx.log.warn(`${label}: skipped ${report.notRecords} data entries that are not records`);
  const dropped = droppedRows(report);
  if (dropped === 0) return;
  const byIntId = [...report.unknownIntIds].map(([intId, count]) => `intID ${intId}: ${count}`).join(', ');
  ctx.log.warn(`${label}: dropped ${dropped} of ${report.rowsIn} rows whose intersection has no radar in the unit data on ${day} (${byIntId})`);
}
