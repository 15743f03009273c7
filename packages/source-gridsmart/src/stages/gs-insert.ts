// GRIDSMART devices → raw repository (gridsmart.md §2): for every device of the day's inventory,
// each day of counts it holds as a ZIP, plus a site file of what the device said about itself
// this run. With `--sourcedir` archived files are imported from a folder instead (no device
// contact), e.g. for backfills or from a host that cannot reach the devices.
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import {
  Stage,
  UsageError,
  describeError,
  parseLakeJson,
  type DateRange,
  type KeyMode,
  type Provider,
  type ProviderItem,
  type StageContext,
  type UnitDataSnapshot,
  type WorkItem,
} from '@lake/core';
import { archivedCountsProvider, type ArchivedCounts, type ArchivedFile } from '../device/archived-counts';
import { collectedSiteFile } from '../device/collected-site-file';
import { GridsmartDevice, type DeviceClientTuning } from '../device/device-client';
import { deviceDayItems, type DeviceDay } from '../device/device-days';
import { ArchivedFileNotZip, DeviceListUnavailable, InvalidArchivedSiteFile } from '../device/device-errors';
import { surveyDevices, type SurveyedDevice } from '../device/device-survey';
import { polledDevices } from '../device/polled-devices';
import { fileStart, startsLikeZip } from '../device/zip-magic';
import { SITE_EXT, ZIP_EXT } from '../gridsmart-names';
import { gridsmartSettings } from '../gridsmart-settings';

/** Where an item's counts archive comes from. */
export type CountsSource = DeviceDay | ArchivedCounts;

export interface GridsmartInsertOptions {
  /** How the device clients retry and read the host clock (tests shorten the retries). */
  device?: DeviceClientTuning;
}

/** What one run keeps between its items. */
interface InsertRun {
  /** Midnight of the run day: the date of the site files written. */
  runDay: Date;
  unitData: UnitDataSnapshot | null;
  unitDataStored: Promise<void> | null;
  devices: SurveyedDevice[];
  /** Bases whose site file this run has written or imported. */
  siteFilesDone: Set<string>;
}

export class GridsmartInsert extends Stage<CountsSource> {
  readonly name = 'gs:insert';
  readonly description = 'Store each day of GRIDSMART counts (a ZIP per device and day) and a site file per device from the devices\' HTTP API (or a folder of archived files) in the raw repository';
  readonly dataSource = 'gs';
  readonly to = 'raw';
  readonly perfmetStage = 'Ingest';
  // A base's day is done when the raw repository has any file of it (site and unit data aside).
  override readonly keyMode: KeyMode = 'base';
  override readonly options = [
    {
      name: 'name_filter',
      char: 'f',
      kind: 'string' as const,
      description: 'only devices whose Knack name PRIMARY_ST_CROSS_ST (/ read as &) matches this regular expression anywhere',
      default: '.*',
    },
    {
      name: 'sourcedir',
      char: 'd',
      kind: 'string' as const,
      description: 'import archived files (<base>_gs_YYYY-MM-DD.zip, <base>_gs_YYYY-MM-DD_site.json) from this folder instead of asking the devices',
    },
  ];
  // One stage object may serve several runs.
  private readonly runs = new WeakMap<StageContext, InsertRun>();

  constructor(private readonly tuning: GridsmartInsertOptions = {}) {
    super();
  }

  override async beforeItems(ctx: StageContext): Promise<void> {
    const run: InsertRun = { runDay: ctx.time.today(), unitData: null, unitDataStored: null, devices: [], siteFilesDone: new Set() };
    this.runs.set(ctx, run);
    if (ctx.option<string>('sourcedir')) {
      // Archived files need no device list; the inventory is still kept when it can be had.
      run.unitData = await ctx.fetchUnitData().catch((error: unknown) => {
        ctx.log.warn(`GRIDSMART unit data not stored: ${describeError(error)}`);
        return null;
      });
      return;
    }
    const nameFilter = compileNameFilter(ctx.option('name_filter'));
    run.unitData = await ctx.fetchUnitData().catch((error: unknown) => {
      throw new DeviceListUnavailable(error);
    });
    const settings = gridsmartSettings((name) => ctx.option(name));
    const tuning: DeviceClientTuning = { now: () => ctx.time.now(), log: ctx.log, ...this.tuning.device };
    const survey = await surveyDevices(polledDevices(run.unitData.devices, nameFilter, ctx.log), {
      connect: (address) => new GridsmartDevice(address, settings, tuning),
      concurrency: settings.deviceConcurrency,
      log: ctx.log,
    });
    for (const { polled, error } of survey.failures) ctx.reportFailure(`GRIDSMART device ${polled.knackName} (${polled.address})`, run.runDay, error);
    run.devices = survey.devices;
  }

  override sourceProvider(ctx: StageContext): Provider<CountsSource> {
    const sourcedir = ctx.option<string>('sourcedir');
    if (sourcedir) return archivedCountsProvider(sourcedir, ctx.time, ctx.log);
    const run = this.run(ctx);
    return {
      async *items(range: DateRange): AsyncIterable<ProviderItem<CountsSource>> {
        yield* deviceDayItems(run.devices, range, ctx.time);
      },
    };
  }

  async processItem(item: WorkItem<CountsSource>, ctx: StageContext): Promise<number> {
    const run = this.run(ctx);
    await this.storeUnitDataOnce(ctx, run);
    const target = await ctx.target();
    const source = item.source.payload;
    const id = { base: item.base, ext: ZIP_EXT, date: item.date, processingDate: ctx.state.processingDate };
    const destination = `${target.repository}:${target.key(item.base, ZIP_EXT, item.date)}`;
    if (source.kind === 'device') {
      // Upstream's order: the site file first. A failed download then fails only this item; the
      // site file describes the device as it was today either way.
      await this.writeSiteFileOnce(ctx, run, source.device);
      const download = path.join(ctx.tempDir, item.label);
      try {
        await source.device.client.downloadCounts(source.day, download);
        await target.writeFile(download, id, { stageCatalog: true });
      } finally {
        await rm(download, { force: true });
      }
    } else {
      await this.importSiteFilesOnce(ctx, run, item.base, source.siteFiles);
      const start = await fileStart(source.path);
      if (!startsLikeZip(start)) throw new ArchivedFileNotZip(source.path, start);
      await target.writeFile(source.path, id, { stageCatalog: true });
    }
    ctx.log.info(`${item.label} -> ${destination}`);
    ctx.perfmet.recordCollect(item.date);
    return 1;
  }

  private run(ctx: StageContext): InsertRun {
    const run = this.runs.get(ctx);
    if (!run) throw new Error(`${this.name}: beforeItems did not run`);
    return run;
  }

  /** Once per run, just before the first item really processed (none processed, none stored). */
  private async storeUnitDataOnce(ctx: StageContext, run: InsertRun): Promise<void> {
    const snapshot = run.unitData;
    if (!snapshot) return;
    run.unitDataStored ??= (async () => {
      try {
        const entry = await (await ctx.unitData(this.to)).store(snapshot);
        ctx.log.info(`unit data -> ${entry.repository}:${entry.pointer}`);
      } catch (error) {
        ctx.reportFailure('unit data', run.runDay, error);
      }
    })();
    await run.unitDataStored;
  }

  /** The device's site file, filed under the run day, once per run and base. */
  private async writeSiteFileOnce(ctx: StageContext, run: InsertRun, device: SurveyedDevice): Promise<void> {
    if (run.siteFilesDone.has(device.siteBase)) return;
    const target = await ctx.target();
    const entry = await target.writeJson(
      collectedSiteFile(device, run.runDay, ctx.time),
      { base: device.siteBase, ext: SITE_EXT, date: run.runDay, processingDate: ctx.state.processingDate },
      { stageCatalog: true },
    );
    ctx.log.info(`site file of ${device.address} -> ${entry.repository}:${entry.pointer}`);
    run.siteFilesDone.add(device.siteBase);
  }

  /** The archived site files of a base, each under its own date, before the base's first ZIP. */
  private async importSiteFilesOnce(ctx: StageContext, run: InsertRun, base: string, files: ArchivedFile[]): Promise<void> {
    if (run.siteFilesDone.has(base)) return;
    run.siteFilesDone.add(base);
    const target = await ctx.target();
    for (const file of files) {
      try {
        await checkSiteFile(file.path);
        const entry = await target.writeFile(file.path, { base, ext: SITE_EXT, date: file.date, processingDate: ctx.state.processingDate }, { stageCatalog: true });
        ctx.log.info(`${file.path} -> ${entry.repository}:${entry.pointer}`);
      } catch (error) {
        // The counts do not depend on it: report the site file and go on.
        ctx.reportFailure(file.path, file.date, error);
      }
    }
  }
}

/** `-f`: a regular expression, searched (not matched) in the Knack name. */
export function compileNameFilter(filter: unknown): RegExp {
  const text = typeof filter === 'string' && filter !== '' ? filter : '.*';
  try {
    return new RegExp(text);
  } catch (error) {
    throw new UsageError(`-f/--name_filter ${JSON.stringify(text)} is not a regular expression: ${describeError(error)}`, 'give a JavaScript regular expression, e.g. "LAMAR|BURNET"');
  }
}

async function checkSiteFile(file: string): Promise<void> {
  let value: unknown;
  try {
    value = parseLakeJson(await readFile(file, 'utf8'));
  } catch (error) {
    throw new InvalidArchivedSiteFile(file, describeError(error));
  }
  const record = value as { header?: unknown; site?: unknown } | null;
  if (typeof record !== 'object' || record === null || typeof record.site !== 'object' || record.site === null) {
    throw new InvalidArchivedSiteFile(file, 'it has no "site" object');
  }
}
