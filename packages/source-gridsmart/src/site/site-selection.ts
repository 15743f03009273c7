// Which site file describes a day's counts (gridsmart.md §3 step 2, §4.2a): the newest one
// collected on or before the day, else the first one after it. Upstream's choice depended on
// the run's date window (it preloaded the window and queried outside it only sometimes); this
// one asks the catalog directly, so the same day always gets the same site file.
import type { Catalog, CatalogEntry, Storage } from '@lake/core';
import { LakeError, parseLakeJson } from '@lake/core';
import { SITE_EXT } from '../gridsmart-names';
import type { SiteFile } from './site-file';

export interface SelectedSite {
  entry: CatalogEntry;
  file: SiteFile;
}

export class SiteFiles {
  /** Last file read per pointer: a run reads each site file once. */
  private readonly cache = new Map<string, SiteFile>();

  constructor(
    private readonly catalog: Catalog,
    private readonly storage: Storage,
  ) {}

  /** The site catalog row for `base` on `date`, or null when the repository has none for it. */
  async entryFor(base: string, date: Date): Promise<CatalogEntry | null> {
    const query = { repository: this.storage.repository, dataSource: this.storage.dataSource, base, ext: SITE_EXT };
    const onOrBefore = await this.catalog.latest({ ...query, late: new Date(date.getTime() + 1) });
    return onOrBefore ?? (await this.catalog.earliest({ ...query, early: date }));
  }

  /** The site file for `base` on `date`, read (once per run), or null. */
  async forDay(base: string, date: Date): Promise<SelectedSite | null> {
    const entry = await this.entryFor(base, date);
    if (!entry) return null;
    let file = this.cache.get(entry.pointer);
    if (!file) {
      file = parseLakeJson(await this.storage.readText(entry.pointer), `${this.storage.repository}/${entry.pointer}`) as SiteFile;
      if (!file || typeof file !== 'object' || !file.site) throw new InvalidSiteFile(`${this.storage.repository}/${entry.pointer}`);
      this.cache.set(entry.pointer, file);
    }
    return { entry, file };
  }
}


export class InvalidSiteFile extends LakeError {
  constructor(where: string) {
    super('INVALID_SITE_FILE', `${where} is not a GRIDSMART site file (no "site" object)`, 'rerun gs:insert for that day with -F to fetch it again');
  }
}
