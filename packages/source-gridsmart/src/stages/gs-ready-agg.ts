// ready counts → ready aggregation (gridsmart.md §5): per intersection and day, volumes and
// speed / time-in-zone statistics per time bin, approach, per-vehicle turn and heavy flag.
// Streamed, see aggregate/aggregation-file.ts.
import { Stage, type CatalogEntry, type KeyMode, type Provider, type StageContext, type WorkItem } from '@lake/core';
import { AGG_OPTION, aggMinutes } from '../aggregate/agg-minutes';
import { makeAggregationFile, type AggregationReport } from '../aggregate/aggregation-file';
import { aggExt, COUNTS_EXT } from '../gridsmart-names';
import { gridsmartSettings } from '../gridsmart-settings';

export class GridsmartReadyAgg extends Stage<CatalogEntry> {
  readonly name = 'gs:ready-agg';
  readonly description = 'Aggregate ready GRIDSMART counts into time bins (15 minutes by default)';
  readonly dataSource = 'gs';
  readonly from = 'ready';
  readonly to = 'ready';
  readonly perfmetStage = 'Aggregate';
  // Source and target share the ready repository; each side is filtered to its own ext, so a
  // day's counts file never passes for its aggregation, nor the other way round.
  override readonly keyMode: KeyMode = 'base';
  override readonly sourceExt = COUNTS_EXT;
  override readonly options = [AGG_OPTION];

  /** The aggregation files of this interval already in the ready repository. */
  override targetProvider(ctx: StageContext): Provider {
    return ctx.catalogProvider('ready', { ext: aggExt(aggMinutes(ctx)) });
  }

  async processItem(item: WorkItem<CatalogEntry>, ctx: StageContext): Promise<number> {
    const minutes = aggMinutes(ctx);
    const settings = gridsmartSettings((name) => ctx.option(name));
    const source = await ctx.source();
    const target = await ctx.target();
    const id = { base: item.base, ext: aggExt(minutes), date: item.date, processingDate: ctx.state.processingDate };
    ctx.log.info(`${item.label}: ${source.repository} -> ${target.repository}:${target.key(id.base, id.ext, id.date)}`);
    const report = await makeAggregationFile(
      () => source.read(item.label),
      {
        time: ctx.time,
        widthMinutes: minutes,
        heavyVehicleFeet: settings.heavyVehicleFeet,
        processingDate: ctx.time.format(ctx.state.processingDate),
        where: `${source.repository}/${item.label}`,
      },
      (body) => target.write(body, id),
    );
    logReport(ctx, item.label, report, settings.heavyVehicleFeet);
    ctx.perfmet.recordCollect(item.date);
    return report.rowsOut;
  }
}

function logReport(ctx: StageContext, label: string, report: AggregationReport, heavyFeet: number): void {
  const { log } = ctx;
  if (report.heldUntilEnd) log.warn(`${label}: counts were not in time order; every group was held until the end`);
  if (report.notRecords > 0) log.warn(`${label}: skipped ${report.notRecords} counts entries that are not records`);
  if (report.unreadableTimes > 0) log.warn(`${label}: dropped ${report.unreadableTimes} records without a readable timestamp_adj`);
  if (report.unknownZones > 0) log.warn(`${label}: dropped ${report.unknownZones} records of zones that are not vehicle zones of the site file`);
  if (report.missingApproaches > 0) log.warn(`${label}: dropped ${report.missingApproaches} records of zones without an ApproachType`);
  if (report.missingTurns > 0) log.warn(`${label}: dropped ${report.missingTurns} records without a turn`);
  if (report.missingLengths > 0) log.info(`${label}: ${report.missingLengths} records without a vehicle_length were counted heavy (≥ ${heavyFeet} ft), as upstream did`);
  log.info(`${label}: ${report.records} records -> ${report.rowsOut} rows`);
}
