// The walk of a device's counts ZIP (gridsmart.md §3.1): camera directories at the top, then
// either dated folders of zone CSVs (Type A) or nested `<date>.zip` archives of them (Type B).
// Fixed here: every camera and every dated folder is read, in sorted order (§8.8), the same GUID
// in two folders makes one zone, and an entry that is not `<GUID>.csv` or whose name is a path
// trick is reported and skipped — no entry name is ever used to build a path.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { ZonePart } from '../formats/zone-standardizer';
import { ZipArchive, type ZipEntryInfo } from './zip-archive';
import { NoCameraDirectory, ZipTooLarge } from './zip-errors';

/** A camera directory name starts with 17 characters shaped like a MAC, `xx-xx-xx-xx-xx-xx`. */
const CAMERA_DIR = /^[^/]{2}-[^/]{2}-[^/]{2}-[^/]{2}-[^/]{2}-[^/]{2}/;
const DATED_FOLDER = /^\d{4}-\d{2}-\d{2}$/;
const ZONE_FILE = /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\.csv$/;

export interface CountsZipOptions {
  /** How the archive is named in messages (its storage file name). */
  what: string;
  /** Where nested archives are copied, under generated names. */
  tempDir: string;
  /** Largest unpacked size of one entry and of everything read from the archive. */
  maxUnzippedBytes: number;
}

export interface CountsZipZone {
  /** The dashed GUID, as the file was named. */
  guid: string;
  /** Its CSVs in camera, then folder order. */
  parts: ZonePart[];
}

/** Something of the archive that was skipped: `warning` for stray entries, `error` for lost data. */
export interface WalkNote {
  level: 'warning' | 'error';
  message: string;
}

export class CountsZip {
  readonly zones: CountsZipZone[] = [];
  readonly notes: WalkNote[] = [];
  readonly cameras: string[] = [];
  private readonly zoneByGuid = new Map<string, CountsZipZone>();
  private readonly archives: ZipArchive[] = [];
  private readonly tempFiles: string[] = [];
  private unzippedBytes = 0;

  private constructor(private readonly options: CountsZipOptions) {}

  /**
   * Lists the archive's zones. Fails (CorruptZip, NoCameraDirectory, ZipTooLarge) when the outer
   * archive is unreadable, has no camera directory or unpacks to too much; a broken nested archive
   * only costs its camera's day (a note). Close it when done.
   */
  static async open(filePath: string, options: CountsZipOptions): Promise<CountsZip> {
    const walk = new CountsZip(options);
    try {
      await walk.walk(filePath);
    } catch (error) {
      await walk.close();
      throw error;
    }
    return walk;
  }

  async close(): Promise<void> {
    for (const archive of this.archives) archive.close();
    this.archives.length = 0;
    await Promise.all(this.tempFiles.map((file) => fs.promises.rm(file, { force: true })));
    this.tempFiles.length = 0;
  }

  private async walk(filePath: string): Promise<void> {
    const outer = await ZipArchive.open(filePath, this.options.what);
    this.archives.push(outer);
    const entries = this.safeEntries(outer.entries, '');
    const cameras = [...new Set(entries.filter((entry) => entry.name.includes('/')).map((entry) => entry.name.split('/')[0]))]
      .filter((name) => CAMERA_DIR.test(name))
      .sort();
    if (cameras.length === 0) throw new NoCameraDirectory(this.options.what);
    this.cameras.push(...cameras);
    const outside = entries.filter((entry) => !entry.isDirectory && !cameras.includes(entry.name.split('/')[0]));
    if (outside.length > 0) this.warn(`${outside.length} entr${outside.length === 1 ? 'y' : 'ies'} outside camera directories ignored (${outside[0].name}${outside.length > 1 ? ', …' : ''})`);
    for (const camera of cameras) await this.walkCamera(outer, camera, entries.filter((entry) => entry.name.startsWith(`${camera}/`)));
  }

  private async walkCamera(outer: ZipArchive, camera: string, entries: ZipEntryInfo[]): Promise<void> {
    const folders = new Map<string, ZipEntryInfo[]>();
    const nested: ZipEntryInfo[] = [];
    for (const entry of entries) {
      const parts = entry.name.replace(/\/$/, '').split('/');
      if (parts.length === 1) continue; // the camera directory itself
      if (entry.isDirectory) {
        if (parts.length === 2 && DATED_FOLDER.test(parts[1]) && !folders.has(parts[1])) folders.set(parts[1], []);
        continue;
      }
      if (parts.length === 2) {
        if (/\.zip$/i.test(parts[1])) nested.push(entry);
        else this.warn(`skipped ${entry.name}: neither a dated folder nor a nested <date>.zip`);
      } else if (parts.length === 3 && DATED_FOLDER.test(parts[1])) {
        const folder = folders.get(parts[1]) ?? [];
        folder.push(entry);
        folders.set(parts[1], folder);
      } else {
        this.warn(`skipped ${entry.name}: not <MAC>/<YYYY-MM-DD>/<GUID>.csv`);
      }
    }
    // Dated folders and nested archives, by name: the day's order.
    const days = [
      ...[...folders].map(([day, files]) => ({ day, read: () => this.addFolder(outer, files) })),
      ...nested.map((entry) => ({ day: entry.name.split('/')[1].replace(/\.zip$/i, ''), read: () => this.addNested(outer, entry) })),
    ].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
    if (days.length === 0) this.warn(`${camera}: no dated folder or nested archive found`);
    for (const day of days) await day.read();
  }

  private addFolder(archive: ZipArchive, files: ZipEntryInfo[]): Promise<void> {
    for (const entry of [...files].sort((a, b) => (a.name < b.name ? -1 : 1))) this.addZoneFile(archive, entry, entry.name);
    return Promise.resolve();
  }

  /** Copies a nested archive to a temp file under a generated name, then reads its root CSVs. */
  private async addNested(outer: ZipArchive, entry: ZipEntryInfo): Promise<void> {
    this.budget(entry, entry.name);
    const copy = path.join(this.options.tempDir, `nested-${randomUUID()}.zip`);
    this.tempFiles.push(copy);
    let inner: ZipArchive;
    try {
      await pipeline(await outer.read(entry), fs.createWriteStream(copy));
      inner = await ZipArchive.open(copy, entry.name);
    } catch (error) {
      this.notes.push({ level: 'error', message: `${entry.name} skipped: ${error instanceof Error ? error.message : String(error)}` });
      return;
    }
    this.archives.push(inner);
    const files = this.safeEntries(inner.entries, `${entry.name}:`).filter((file) => !file.isDirectory);
    for (const file of files.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (file.name.includes('/')) this.warn(`skipped ${entry.name}:${file.name}: zone files sit at the root of a nested archive`);
      else this.addZoneFile(inner, file, `${entry.name}:${file.name}`);
    }
  }

  private addZoneFile(archive: ZipArchive, entry: ZipEntryInfo, label: string): void {
    const match = ZONE_FILE.exec(entry.name.slice(entry.name.lastIndexOf('/') + 1));
    if (!match) {
      this.warn(`skipped ${label}: not a zone file named <GUID>.csv`);
      return;
    }
    this.budget(entry, label);
    const guid = match[1];
    let zone = this.zoneByGuid.get(guid);
    if (!zone) {
      zone = { guid, parts: [] };
      this.zoneByGuid.set(guid, zone);
      this.zones.push(zone);
    }
    zone.parts.push({ name: label, open: () => archive.read(entry) });
  }

  /** Entries whose names are safe; the others are noted and dropped. */
  private safeEntries(entries: readonly ZipEntryInfo[], prefix: string): ZipEntryInfo[] {
    return entries.filter((entry) => {
      if (entry.unsafe) this.warn(`skipped ${prefix}${JSON.stringify(entry.name)}: ${entry.unsafe}`);
      return !entry.unsafe;
    });
  }

  /** Counts an entry's declared size (yauzl holds the data to it) against the unzip limit. */
  private budget(entry: ZipEntryInfo, label: string): void {
    this.unzippedBytes += entry.size;
    if (entry.size > this.options.maxUnzippedBytes) throw new ZipTooLarge(`${this.options.what}: ${label}`, this.options.maxUnzippedBytes);
    if (this.unzippedBytes > this.options.maxUnzippedBytes) throw new ZipTooLarge(this.options.what, this.options.maxUnzippedBytes);
  }

  private warn(message: string): void {
    this.notes.push({ level: 'warning', message });
  }
}
