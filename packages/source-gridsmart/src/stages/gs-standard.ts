// Raw counts ZIP → one standardized JSON per zone (gridsmart.md §3), plus the site file and the
// unit data the ready stage needs, copied beside them, and one perfmet observation per ZIP.
import fs from 'node:fs';
import path from 'node:path';
import { LakeError, Stage, type CatalogEntry, type KeyMode, type StageContext, type WorkItem } from '@lake/core';
import { DATA_SOURCE, SITE_EXT, VEHICLE_COUNTS, ZIP_EXT, zoneExt } from '../gridsmart-names';
import { gridsmartSettings } from '../gridsmart-settings';
import { clockDelta } from '../formats/device-clock';
import { microsToDate } from '../formats/record-time';
import { SiteFiles, type SelectedSite } from '../site/site-selection';
import { standardizeZip, type StandardizedZip } from '../zip/standardize-zip';

export class NoSiteFile extends LakeError {
  constructor(base: string, day: string) {
    super('GS_NO_SITE_FILE', `No site file for ${base} on or around ${day}: its clock reading and zones are unknown`, 'run gs:insert for that device (it stores a site file with each day it fetches)');
  }
}

export class NoZoneStandardized extends LakeError {
  constructor(label: string, skipped: number) {
    super('GS_NO_ZONE', `${label}: none of its ${skipped} zone file(s) could be standardized`, 'see the errors above for each zone file');
  }
}

export class NestedZipSkipped extends LakeError {
  constructor(message: string) {
    super('GS_NESTED_ZIP', message, 'the other cameras and days of the archive were standardized');
  }
}

export class GridsmartStandard extends Stage<CatalogEntry> {
  readonly name = 'gs:standard';
  readonly description = 'Turn raw GRIDSMART counts ZIPs into one standardized JSON per zone, with clock-corrected times';
  readonly dataSource = DATA_SOURCE;
  readonly from = 'raw';
  readonly to = 'standardized';
  readonly perfmetStage = 'Standardize';
  // One ZIP a day becomes many `<guid>.json`: a base with any of them is done for the day.
  override readonly keyMode: KeyMode = 'base';
  override readonly sourceExt = ZIP_EXT;

  private siteFiles: SiteFiles | null = null;
  /** Unit-data snapshots already copied in this run, by raw pointer (§8.11). */
  private readonly copiedUnitData = new Map<string, Promise<void>>();

  override async beforeItems(ctx: StageContext): Promise<void> {
    this.siteFiles = new SiteFiles(ctx.catalog, await ctx.source());
    this.copiedUnitData.clear();
  }

  async processItem(item: WorkItem<CatalogEntry>, ctx: StageContext): Promise<number> {
    const day = ctx.time.calendarDate(item.date);
    this.siteFiles ??= new SiteFiles(ctx.catalog, await ctx.source());
    const site = await this.siteFiles.forDay(item.base, item.date);
    if (!site) throw new NoSiteFile(item.base, day);
    await this.copyUnitData(item.date, ctx);

    const source = await ctx.source();
    const target = await ctx.target();
    ctx.log.info(`${item.label}: ${source.repository} -> ${target.repository}`);
    const settings = gridsmartSettings((name) => ctx.option(name));
    const delta = clockDelta(site.file.datetime, settings.clockToleranceSeconds);
    if (delta.ok && delta.seconds === 0 && delta.measuredSeconds !== 0) {
      ctx.log.info(`${item.base}: clock offset of ${delta.measuredSeconds} s is within ${settings.clockToleranceSeconds} s; taken as 0`);
    }
    const zipName = item.label.slice(item.label.lastIndexOf('/') + 1);
    const workDir = await fs.promises.mkdtemp(path.join(ctx.tempDir, 'gs-standard-'));
    try {
      const zipPath = await source.retrieveFile(item.source.payload.pointer, workDir);
      const standardized = await standardizeZip(
        zipPath,
        {
          time: ctx.time,
          base: item.base,
          collectionDay: day,
          collectionDate: ctx.time.format(item.date),
          processingDate: ctx.time.format(ctx.state.processingDate),
          zipName,
          delta,
        },
        { what: zipName, tempDir: workDir, workDir, maxUnzippedBytes: settings.maxUnzippedMiB * 1024 * 1024 },
      );
      this.report(standardized, item, ctx);
      if (standardized.zones.length === 0 && standardized.skipped.length > 0) throw new NoZoneStandardized(item.label, standardized.skipped.length);
      // The site file first: it is a side file the compare loop ignores, while the zone files
      // mark the day done, so they go last. A failure before them leaves the day to be redone.
      await this.copySiteFile(site, item.base, ctx);
      for (const zone of standardized.zones) {
        await target.writeFile(zone.file, { base: item.base, ext: zoneExt(zone.guid), date: item.date, processingDate: ctx.state.processingDate }, { stageCatalog: true });
      }
      const { timed } = standardized;
      ctx.perfmet.recordSensorObs(item.base, VEHICLE_COUNTS, {
        observation: timed.count,
        collectionDate: item.date,
        minTimestamp: timed.minUtcMicros === null ? null : microsToDate(timed.minUtcMicros),
        maxTimestamp: timed.maxUtcMicros === null ? null : microsToDate(timed.maxUtcMicros),
      });
      ctx.perfmet.recordCollect(item.date);
      return standardized.records;
    } finally {
      await fs.promises.rm(workDir, { recursive: true, force: true });
    }
  }

  /** The raw unit-data snapshot describing the day, copied to standardized once per run. */
  private async copyUnitData(date: Date, ctx: StageContext): Promise<void> {
    const selection = await ctx.unitDataFor(date, 'raw');
    if (!selection) {
      ctx.log.warn(`no ${DATA_SOURCE} unit data in ${ctx.repository('raw')}; gs:ready will need it`);
      return;
    }
    // Remembered before the copy finishes, so items of the same day running at once copy it once.
    let copied = this.copiedUnitData.get(selection.entry.pointer);
    if (!copied) {
      copied = (async () => {
        const entry = await (await ctx.unitData(this.to)).store(selection.snapshot);
        ctx.log.info(`unit data -> ${entry.repository}:${entry.pointer}`);
      })();
      this.copiedUnitData.set(selection.entry.pointer, copied);
      // A failed copy is tried again by the next item of the day.
      copied.catch(() => this.copiedUnitData.delete(selection.entry.pointer));
    }
    await copied;
  }

  /** The site file, under its own collection date, unless standardized already has it. */
  private async copySiteFile(site: SelectedSite, base: string, ctx: StageContext): Promise<void> {
    const target = await ctx.target();
    const date = site.entry.collectionDate;
    if (await ctx.catalog.single(target.repository, DATA_SOURCE, base, SITE_EXT, date)) return;
    await target.writeJson(site.file, { base, ext: SITE_EXT, date, processingDate: ctx.state.processingDate });
  }

  private report(standardized: StandardizedZip, item: WorkItem<CatalogEntry>, ctx: StageContext): void {
    for (const note of standardized.notes) {
      if (note.level === 'error') ctx.reportFailure(item.label, item.date, new NestedZipSkipped(`${item.label}: ${note.message}`));
      else ctx.log.warn(`${item.label}: ${note.message}`);
    }
    for (const zone of standardized.zones) {
      for (const text of [...zone.result.warnings.map((warning) => `${zone.guid}.csv: ${warning}`), ...zone.result.problems]) ctx.log.warn(`${item.label}: ${text}`);
    }
    for (const skipped of standardized.skipped) ctx.reportFailure(`${item.label} zone ${skipped.guid}`, item.date, skipped.error);
  }
}
