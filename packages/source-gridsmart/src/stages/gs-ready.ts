// standardized zone files → ready counts file (gridsmart.md §4): per intersection and local day,
// the records of every zone in data, cut to the local day (the device clock may have shifted its
// files by up to a day), in time order, with the site file and the matched Knack device. The day is
// sorted through temp files (ready/day-counts.ts): memory stays flat however busy the day.
import { Stage, type CatalogEntry, type KeyMode, type Provider, type StageContext, type StageOption, type Storage, type WorkItem } from '@lake/core';
import { COUNTS_EXT, zoneExt } from '../gridsmart-names';
import { gridsmartSettings } from '../gridsmart-settings';
import { matchDevice, type DeviceMatchResult, type SiteIdentity } from '../match/device-match';
import { countsFileStream, countsHeader, type CountsFile } from '../ready/counts-file';
import { DayCounts } from '../ready/day-counts';
import { gatherCounts, type GatheredCounts, type ZoneFileOpener } from '../ready/gather-counts';
import { intersectionDays } from '../ready/intersection-days';
import { SiteFileMissing, UnitDataMissing } from '../ready/ready-errors';
import type { SiteFile } from '../site/site-file';
import { SiteFiles } from '../site/site-selection';

const IGNORE_PREV = 'ignore_prev';
const IGNORE_NEXT = 'ignore_next';

export class GridsmartReady extends Stage<CatalogEntry[]> {
  readonly name = 'gs:ready';
  readonly description = 'Assemble each intersection\'s local day of GRIDSMART counts, with its site file and Knack device';
  readonly dataSource = 'gs';
  readonly from = 'standardized';
  readonly to = 'ready';
  readonly perfmetStage = 'Ready';
  // The target is filtered to counts files, so the ready repository's aggregations never count.
  override readonly keyMode: KeyMode = 'base+ext';
  override readonly options: readonly StageOption[] = [
    { name: IGNORE_PREV, char: 'p', kind: 'boolean', description: "write a day even when the previous day's data it needs are missing", default: false },
    { name: IGNORE_NEXT, char: 'n', kind: 'boolean', description: "write a day even when the next day's data it needs are missing", default: false },
  ];

  /** Site files are read once per run (the stage object outlives runs, so not on `this`). */
  private readonly siteFiles = new WeakMap<StageContext, SiteFiles>();

  override sourceProvider(ctx: StageContext): Provider<CatalogEntry[]> {
    return intersectionDays(ctx.catalogProvider('standardized'), ctx.time);
  }

  override targetProvider(ctx: StageContext): Provider {
    return ctx.catalogProvider('ready', { ext: COUNTS_EXT });
  }

  async processItem(item: WorkItem<CatalogEntry[]>, ctx: StageContext): Promise<number> {
    const { time, log } = ctx;
    const day = time.calendarDate(item.date);
    const source = await ctx.source();
    const settings = gridsmartSettings((name) => ctx.option(name));
    log.info(`== ${item.base}: ${day} ==`);

    // The snapshot taken after the day describes the devices of that day (core falls back to an
    // earlier one with a warning).
    const unitData = await ctx.unitDataFor(item.date, 'standardized');
    if (!unitData) throw new UnitDataMissing(day, source.repository);
    const site = await this.siteFilesOf(ctx, source).forDay(item.base, item.date);
    if (!site) throw new SiteFileMissing(item.base, day, source.repository);

    const matched = matchDevice(siteIdentity(site.file), unitData.snapshot.devices, settings);
    for (const note of matched.notes) log[note.level](`${item.base}: ${note.text}`);

    const openZoneFile: ZoneFileOpener = async (guid, date) => {
      const entry = await ctx.catalog.single(source.repository, source.dataSource, item.base, zoneExt(guid), date);
      return entry ? { where: `${source.repository}/${entry.pointer}`, open: () => source.read(entry.pointer) } : null;
    };
    // Sorted as they are gathered: the zone files are read one after another, each once, and
    // what does not fit in memory waits in sorted runs in the run's temp dir.
    const counts = new DayCounts({ tempDir: ctx.tempDir, sortMemoryRecords: settings.sortMemoryRecords });
    try {
      const gathered = await gatherCounts(site.file.site, item.date, openZoneFile, time, counts);
      for (const note of gathered.notes) log[note.level](`${item.base}: ${note.text}`);
      if (!this.isComplete(gathered, item, ctx)) return 0;
      if (gathered.records === 0 || !gathered.header) {
        log.warn(`${item.base} ${day}: no counts were found; nothing written`);
        return 0;
      }

      const target = await ctx.target();
      const id = { base: item.base, ext: COUNTS_EXT, date: item.date, processingDate: ctx.state.processingDate };
      const body = countsFileStream({
        header: countsHeader(gathered.header, time.format(ctx.state.processingDate)),
        counts: counts.json(),
        site: site.file,
        device: deviceOf(matched),
      });
      const entry = await target.write(body, id);
      log.info(`${item.base} ${day}: ${gathered.records} counts -> ${target.repository}:${entry.pointer}`);
      ctx.perfmet.recordCollect(item.date);
      return gathered.records;
    } finally {
      await counts.dispose();
    }
  }

  /**
   * A day whose device clock put part of it into an adjacent day's files waits for that file:
   * the newest day normally waits for the next day's ingest. Nothing is written, so the compare
   * loop offers the day again on the next run.
   */
  private isComplete(gathered: GatheredCounts, item: WorkItem, ctx: StageContext): boolean {
    const day = ctx.time.calendarDate(item.date);
    // Upstream kept only the last zone's direction (dayDirErr); each direction is checked here, so
    // -p cannot let a zone that lacks the next day's file through.
    const waiting = (dayCovered: 1 | -1) => gathered.missingAdjacent.filter((missing) => missing.dayCovered === dayCovered).map((missing) => missing.guid);
    const lacksPrevious = ctx.option(IGNORE_PREV) === true ? [] : waiting(1);
    const lacksNext = ctx.option(IGNORE_NEXT) === true ? [] : waiting(-1);
    if (lacksPrevious.length > 0) {
      ctx.log.warn(
        `${item.base} ${day}: waits for the previous day's data (zones ${lacksPrevious.join(', ')}); ` +
          'not written now, retried automatically on the next run (-p/--ignore_prev writes it without them)',
      );
      return false;
    }
    if (lacksNext.length > 0) {
      ctx.log.warn(
        `${item.base} ${day}: waits for the next day's data (zones ${lacksNext.join(', ')}); ` +
          'not written now, retried automatically on the next run (-n/--ignore_next writes it without them)',
      );
      return false;
    }
    return true;
  }

  private siteFilesOf(ctx: StageContext, source: Storage): SiteFiles {
    let siteFiles = this.siteFiles.get(ctx);
    if (!siteFiles) {
      siteFiles = new SiteFiles(ctx.catalog, source);
      this.siteFiles.set(ctx, siteFiles);
    }
    return siteFiles;
  }
}

function siteIdentity(file: SiteFile): SiteIdentity {
  const location = file.site.Location ?? {};
  const netAddr = file.header?.device_net_addr;
  return {
    street1: typeof location.Street1 === 'string' ? location.Street1.trim() : '',
    street2: typeof location.Street2 === 'string' ? location.Street2.trim() : '',
    latitude: location.Latitude,
    longitude: location.Longitude,
    netAddr: typeof netAddr === 'string' ? netAddr : null,
  };
}

function deviceOf(matched: DeviceMatchResult): CountsFile['device'] {
  return matched.match ? matched.match.device : [];
}
