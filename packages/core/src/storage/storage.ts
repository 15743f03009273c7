// What a stage sees of one repository: name files by the lake rule, write them (with the `-o`
// local copy and `-0` simulation of core.md §5.4), record them in the catalog, and read them back.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { CatalogEntry } from '../catalog/catalog-entry';
import { parseLakeJson, stringifyLakeJson } from '../json/lake-json';
import type { Logger } from '../log/logger';
import type { LakeTime } from '../time/lake-time';
import { fileNameOfKey, lakeFileName, lakeKey } from './naming';
import type { StorageDriver } from './storage-driver';

/** What identifies a lake file; repository, data source and key come from the Storage. */
export interface FileIdentity {
  base: string;
  ext: string;
  /** Collection date: its calendar day in the lake zone names the file. */
  date: Date;
  /** Only sent to the catalog when given (upstream never sent one). */
  collectionEnd?: Date | null;
  /** Defaults to now. */
  processingDate?: Date;
  metadata?: unknown;
}

/** The part of a catalog a Storage needs: write a row now, or stage it for the next flush. */
export interface CatalogWriter {
  upsert(entry: CatalogEntry): Promise<void>;
  stage(entry: CatalogEntry): void;
}

export interface WriteOptions {
  /** Stage the catalog row for the loop's next flush instead of upserting it now (default false). */
  stageCatalog?: boolean;
}

export interface StorageOptions {
  driver: StorageDriver;
  repository: string;
  dataSource: string;
  time: LakeTime;
  log: Logger;
  catalog?: CatalogWriter | null;
  /** `-0`: write nothing to the driver or the catalog, only say what would have been written. */
  simulate?: boolean;
  /** `-o`: also keep a flat local copy of every written file in this folder. */
  outputPath?: string | null;
  /** Where `retrieveFile` puts downloads by default. */
  tempDir: string;
  /** Told the size of every chunk read from the repository (a run's progress counts MB/s). */
  onBytesRead?: (bytes: number) => void;
}

export class Storage {
  readonly repository: string;
  readonly dataSource: string;
  private readonly driver: StorageDriver;
  private readonly time: LakeTime;
  private readonly log: Logger;
  private readonly catalog: CatalogWriter | null;
  private readonly simulate: boolean;
  private readonly outputPath: string | null;
  private readonly tempDir: string;
  private readonly onBytesRead: ((bytes: number) => void) | null;

  constructor(options: StorageOptions) {
    this.driver = options.driver;
    this.repository = options.repository;
    this.dataSource = options.dataSource;
    this.time = options.time;
    this.log = options.log;
    this.catalog = options.catalog ?? null;
    this.simulate = options.simulate ?? false;
    this.outputPath = options.outputPath ?? null;
    this.tempDir = options.tempDir;
    this.onBytesRead = options.onBytesRead ?? null;
  }

  fileName(base: string, ext: string, date: Date): string {
    return lakeFileName(base, this.dataSource, ext, date, this.time);
  }

  key(base: string, ext: string, date: Date): string {
    return lakeKey(base, this.dataSource, ext, date, this.time);
  }

  /**
   * Store a file and catalog it; returns the row that was (or, simulating, would have been)
   * catalogued. The row is written only after the store succeeded, so the catalog never points
   * at a missing file.
   */
  async write(body: Readable | Buffer | string, id: FileIdentity, options: WriteOptions = {}): Promise<CatalogEntry> {
    const entry = this.entryFor(id);
    const content = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    if (this.outputPath !== null) {
      // Upstream uploads the local copy, which also spares holding the stream twice.
      const localCopy = await this.writeLocalCopy(content, this.fileName(id.base, id.ext, id.date));
      await this.store(() => fs.createReadStream(localCopy), entry.pointer, `file '${localCopy}'`);
    } else {
      if (this.simulate && content instanceof Readable) await drain(content);
      await this.store(() => content, entry.pointer, 'buffer');
    }
    await this.record(entry, options);
    return entry;
  }

  /** Store a local file (streamed). */
  async writeFile(localPath: string, id: FileIdentity, options: WriteOptions = {}): Promise<CatalogEntry> {
    const isOwnCopy = this.outputPath !== null && samePath(localPath, path.join(this.outputPath, this.fileName(id.base, id.ext, id.date)));
    const needsNoCopy = this.outputPath === null && this.simulate;
    if (!isOwnCopy && !needsNoCopy) return this.write(fs.createReadStream(localPath), id, options);
    // Copying a file onto itself would truncate it; simulating without `-o` need not read it.
    const entry = this.entryFor(id);
    await this.store(() => fs.createReadStream(localPath), entry.pointer, `file '${localPath}'`);
    await this.record(entry, options);
    return entry;
  }

  /** Store a value as lake JSON (non-finite numbers become null). */
  async writeJson(value: unknown, id: FileIdentity, options: WriteOptions = {}): Promise<CatalogEntry> {
    return this.write(Buffer.from(stringifyLakeJson(value), 'utf8'), id, options);
  }

  /** Stream a stored file; throws ObjectNotFound when absent. */
  async read(pointer: string): Promise<Readable> {
    const stream = await this.driver.read(this.repository, pointer);
    if (!this.onBytesRead) return stream;
    return counted(stream, this.onBytesRead);
  }

  async readText(pointer: string): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of await this.read(pointer)) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
    return Buffer.concat(chunks).toString('utf8');
  }

  /** Parse a stored JSON file; accepts the bare NaN tokens upstream wrote. */
  async readJson(pointer: string): Promise<unknown> {
    return parseLakeJson(await this.readText(pointer), `${this.repository}/${pointer}`);
  }

  /**
   * Download a stored file as `<destDir>/<file name of the key>`; returns the local path. Without
   * a destDir each call gets its own folder in the run's temp dir, so items processed in parallel
   * never share (or remove) each other's copy of a file.
   */
  async retrieveFile(pointer: string, destDir?: string): Promise<string> {
    const ownDir = destDir === undefined;
    await fs.promises.mkdir(destDir ?? this.tempDir, { recursive: true });
    const dir = destDir ?? (await fs.promises.mkdtemp(path.join(this.tempDir, 'retrieved-')));
    const localPath = path.join(dir, fileNameOfKey(pointer));
    try {
      await pipeline(await this.read(pointer), fs.createWriteStream(localPath));
    } catch (error) {
      await fs.promises.rm(ownDir ? dir : localPath, { recursive: true, force: true });
      throw error;
    }
    return localPath;
  }

  private entryFor(id: FileIdentity): CatalogEntry {
    const entry: CatalogEntry = {
      repository: this.repository,
      dataSource: this.dataSource,
      base: id.base,
      ext: id.ext,
      pointer: this.key(id.base, id.ext, id.date),
      collectionDate: id.date,
      processingDate: id.processingDate ?? this.time.now(),
    };
    if (id.collectionEnd != null) entry.collectionEnd = id.collectionEnd;
    if (id.metadata !== undefined) entry.metadata = id.metadata;
    return entry;
  }

  private async writeLocalCopy(content: Readable | Buffer, fileName: string): Promise<string> {
    const outputPath = this.outputPath as string;
    await fs.promises.mkdir(outputPath, { recursive: true });
    const localCopy = path.join(outputPath, fileName);
    const source = Buffer.isBuffer(content) ? Readable.from([content]) : content;
    try {
      await pipeline(source, fs.createWriteStream(localCopy));
    } catch (error) {
      await fs.promises.rm(localCopy, { force: true });
      throw error;
    }
    return localCopy;
  }

  private async store(open: () => Readable | Buffer, key: string, what: string): Promise<void> {
    if (this.simulate) {
      this.log.info(`Simulation mode: skipped writing ${what} to repository ${this.repository}: '${key}'`);
      return;
    }
    await this.driver.write(this.repository, key, open());
    this.log.debug(`wrote ${this.repository}: '${key}'`);
  }

  private async record(entry: CatalogEntry, options: WriteOptions): Promise<void> {
    if (this.simulate || !this.catalog) return;
    if (options.stageCatalog) this.catalog.stage(entry);
    else await this.catalog.upsert(entry);
  }
}

// A simulated write still consumes the stream, so a producer piping into it is not left hanging.
/** The stream through a counter of its bytes; the source's errors reach the reader, and a reader that stops early releases the source. */
function counted(source: Readable, onBytes: (bytes: number) => void): Readable {
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      onBytes(chunk.length);
      done(null, chunk);
    },
  });
  source.on('error', (error) => counter.destroy(error));
  counter.on('close', () => source.destroy());
  return source.pipe(counter);
}

async function drain(stream: Readable): Promise<void> {
  for await (const _chunk of stream) {
    // discard
  }
}

function samePath(a: string, b: string): boolean {
  return path.resolve(a) === path.resolve(b);
}
