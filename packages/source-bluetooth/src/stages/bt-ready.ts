// standardized → ready (bluetooth.md §5): attach the inventory's device ids to each record.
// Streamed: memory stays flat however large the day's files (ready/ready-stream.ts).
import { Stage, UNIT_DATA_EXT, type CatalogEntry, type Provider, type StageContext, type WorkItem } from '@lake/core';
import { droppedCount, DROP_REASONS, type EnrichReport } from '../ready/enrich';
import { jsonFileType } from '../ready/ready-file';
import { makeReadyFile } from '../ready/ready-stream';
import { UnitDataMissing } from '../ready/unit-data-missing';

export interface BluetoothReadyOptions {
  /** Records sorted in memory before sorting through temp files (tests make it small). */
  sortMemoryRecords?: number;
}

export class BluetoothReady extends Stage<CatalogEntry> {
  readonly name = 'bt:ready';
  readonly description = 'Attach unit data (device ids) to standardized Bluetooth files';
  readonly dataSource = 'bt';
  readonly from = 'standardized';
  readonly to = 'ready';
  readonly perfmetStage = 'Ready';

  constructor(private readonly tuning: BluetoothReadyOptions = {}) {
    super();
  }

  /** The standardized files, without the unit-data snapshots stored beside them. */
  override sourceProvider(ctx: StageContext): Provider<CatalogEntry> {
    const standardized = ctx.catalogProvider('standardized');
    return {
      async *items(range) {
        for await (const item of standardized.items(range)) if (item.ext !== UNIT_DATA_EXT) yield item;
      },
    };
  }

  async processItem(item: WorkItem<CatalogEntry>, ctx: StageContext): Promise<number> {
    const fileType = jsonFileType(item.ext);
    if (!fileType) {
      ctx.log.warn(`Unsupported file type or extension: ${item.ext}`);
      return 0;
    }
    const source = await ctx.source();
    const target = await ctx.target();
    const day = ctx.time.calendarDate(item.date);
    // The snapshot taken after the day describes the readers of that day (core.md §7.3).
    const unitData = await ctx.unitDataFor(item.date, 'standardized');
    if (!unitData) throw new UnitDataMissing(day, source.repository);

    ctx.log.info(`${item.label}: ${source.repository} -> ${target.repository}`);
    const where = `${source.repository}/${item.label}`;
    const id = { base: item.base, ext: item.ext, date: item.date, processingDate: ctx.state.processingDate };
    const report = await makeReadyFile(
      await source.read(item.label),
      unitData.snapshot.devices,
      { fileType, processingDate: ctx.time.format(ctx.state.processingDate), tempDir: ctx.tempDir, where, sortMemoryRecords: this.tuning.sortMemoryRecords },
      (body) => target.write(body, id),
    );
    logReport(ctx, item.label, day, report);
    ctx.perfmet.recordCollect(item.date);
    return report.rowsOut;
  }
}

function logReport(ctx: StageContext, label: string, day: string, report: EnrichReport): void {
  for (const problem of new Set(report.deviceProblems)) ctx.log.warn(`${problem}`);
  if (report.duplicateDeviceNames.length > 0) {
    ctx.log.warn(`${label}: unit data lists several devices named ${report.duplicateDeviceNames.join(', ')}; the first of each was used`);
  }
  const dropped = droppedCount(report);
  if (dropped === 0) return;
  const reasons = DROP_REASONS.filter((reason) => report.dropped[reason] > 0).map((reason) => `${reason} ${report.dropped[reason]}`);
  const readers = report.unknownReaders.length > 0 ? `; readers not in the unit data: ${report.unknownReaders.join(', ')}` : '';
  ctx.log.warn(`${label}: dropped ${dropped} of ${report.rowsIn} records without a known reader on ${day} (${reasons.join(', ')})${readers}`);
}
