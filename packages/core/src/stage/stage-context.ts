// What a stage may touch during one run, bound to the run's options (debug names, simulate,
// output copy) so a stage never has to think about them.
import type { Catalog } from '../catalog/catalog';
import type { CatalogEntry } from '../catalog/catalog-entry';
import { CatalogProvider } from '../compare/catalog-provider';
import type { DateRange, Provider } from '../compare/provider';
import type { Lake } from '../lake/lake';
import type { Logger } from '../log/logger';
import type { PerfmetRecorder } from '../perfmet/perfmet-recorder';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { CsvFile } from '../publish/csv-file';
import type { PublishRow } from '../publish/publish-driver';
import { Publisher, publisherSideFile } from '../publish/publisher';
import { publishDataset } from '../publish/debug-dataset';
import { Storage } from '../storage/storage';
import type { LakeTime } from '../time/lake-time';
import { UnitDataStore, type UnitDataSelection } from '../unitdata/unit-data-store';
import type { UnitDataSnapshot } from '../unitdata/unit-data';
import type { RunOptions } from './run-options';
import type { Stage } from './stage';
import type { ItemFailure } from './stage-result';
import { LakeError, describeError } from '../errors';

/** Counters the per-item hook may read (the original's ETLApp state). */
export interface RunState {
  /** Sum of processItem results so far. */
  itemCount: number;
  /** Date of the latest item whose hook returned a non-zero count (null before the first). */
  prevDate: Date | null;
  /** "now" when the current item started. */
  processingDate: Date;
  /** Bytes read from the lake's repositories so far (progress shows MB/s). */
  bytesRead: number;
}

export class StageContext {
  readonly time: LakeTime;
  readonly log: Logger;
  readonly state: RunState;
  /** What went wrong in this run so far; any entry makes the run exit non-zero. */
  readonly failures: ItemFailure[] = [];
  private readonly storages = new Map<string, Storage>();
  private readonly publishers = new Map<string, Publisher>();
  private readonly itemPublishers = new AsyncLocalStorage<Map<string, Publisher>>();
  private readonly itemPublishersToClose: Publisher[] = [];
  private readonly sideFiles = new Map<string, CsvFile>();
  private readonly unitDataStores = new Map<string, UnitDataStore>();

  constructor(
    readonly lake: Lake,
    readonly stage: Stage,
    readonly options: RunOptions,
    readonly range: DateRange,
    readonly catalog: Catalog,
    readonly perfmet: PerfmetRecorder,
    readonly tempDir: string,
  ) {
    this.time = lake.time;
    this.log = lake.log;
    this.state = { itemCount: 0, prevDate: null, processingDate: lake.time.now(), bytesRead: 0 };
  }

  /**
   * Records a problem that fails the run without stopping it (e.g. unit data that could not be
   * fetched while the files can still be standardized). Failing items are recorded by runStage.
   */
  reportFailure(label: string, date: Date, error: unknown): void {
    const code = error instanceof LakeError ? error.code : 'ERROR';
    this.failures.push({ label, date, message: describeError(error), code });
    this.log.error(`${label}: ${describeError(error)}`);
  }

  get simulate(): boolean {
    return this.options.simulate === true;
  }

  get debug(): boolean {
    return this.options.debug === true;
  }

  /** Repository name of a purpose for this run (debug names with --debug). */
  repository(purpose: string): string {
    return this.lake.repository(purpose, this.debug);
  }

  /** Storage of a purpose, bound to this stage's data source, catalog, simulate and -o. */
  async storage(purpose: string): Promise<Storage> {
    let storage = this.storages.get(purpose);
    if (!storage) {
      storage = new Storage({
        driver: await this.lake.storageDriver(),
        repository: this.repository(purpose),
        dataSource: this.stage.dataSource,
        time: this.time,
        log: this.log,
        catalog: this.catalog,
        simulate: this.simulate,
        outputPath: this.options.outputPath ?? null,
        tempDir: this.tempDir,
        onBytesRead: (bytes) => (this.state.bytesRead += bytes),
      });
      this.storages.set(purpose, storage);
    }
    return storage;
  }

  /** The storage the stage reads from (its `from` purpose). */
  source(): Promise<Storage> {
    if (!this.stage.from) throw new Error(`stage ${this.stage.name} has no source purpose`);
    return this.storage(this.stage.from);
  }

  /** The storage the stage writes to (its `to` purpose). */
  target(): Promise<Storage> {
    return this.storage(this.stage.to);
  }

  /** Catalog rows of a purpose for this data source, as a compare-loop provider. */
  catalogProvider(purpose: string, filter: { base?: string | null; ext?: string | null } = {}): Provider<CatalogEntry> {
    return new CatalogProvider({
      catalog: this.catalog,
      repository: this.repository(purpose),
      dataSource: this.stage.dataSource,
      base: filter.base ?? null,
      ext: filter.ext ?? null,
      time: this.time,
    });
  }

  /**
   * A row buffer for a published dataset (flushed and closed at the end of the run). Name the
   * dataset's row identifier column (`idColumn`) so re-publishing a file replaces its rows
   * instead of adding them again (what makes a rerun after a killed run duplicate nothing).
   */
  async publisher(dataset: string, options: { idColumn?: string } = {}): Promise<Publisher> {
    // Inside an item (runItem), the item's own buffer: items running at once never share rows.
    const item = this.itemPublishers.getStore();
    const publishers = item ?? this.publishers;
    let publisher = publishers.get(dataset);
    if (!publisher) {
      publisher = new Publisher({
        driver: this.simulate ? null : await this.lake.publishDriver(),
        dataset: this.publishedDataset(dataset),
        simulate: this.simulate,
        sideFile: this.sideFile(dataset),
        idColumn: options.idColumn ?? null,
        log: this.log,
      });
      publishers.set(dataset, publisher);
      if (item) this.itemPublishersToClose.push(publisher);
    } else if ((options.idColumn ?? null) !== publisher.idColumn) {
      throw new LakeError(
        'PUBLISHER_ID_COLUMN',
        `dataset ${dataset} was opened with row id column ${publisher.idColumn ?? '(none)'}, now asked for ${options.idColumn ?? '(none)'}`,
        'a stage names one row id column per dataset',
      );
    }
    return publisher;
  }

  /**
   * Sends all of an item's rows to a dataset and only then records the item as published, so a
   * file whose rows failed half-way has no catalog row and is sent again next run. Returns the
   * number of rows sent.
   */
  async publishRows(item: { base: string; ext: string; date: Date }, dataset: string, idColumn: string, rows: AsyncIterable<PublishRow>): Promise<number> {
    const publisher = await this.publisher(dataset, { idColumn });
    let published = 0;
    for await (const row of rows) {
      await publisher.add(row);
      published++;
    }
    await publisher.flush();
    publisher.reset();
    await this.recordPublished(item, dataset);
    return published;
  }

  /** Catalog row recording that a file's rows were published (core.md / publishing.md §4). */
  /** The dataset rows really go to: with --debug never a production one. */
  publishedDataset(dataset: string): string {
    return publishDataset(dataset, this.debug, this.lake.config.publish);
  }

  async recordPublished(item: { base: string; ext: string; date: Date }, dataset: string): Promise<void> {
    if (this.simulate) return;
    await this.catalog.upsert({
      repository: this.repository('public'),
      dataSource: this.stage.dataSource,
      base: item.base,
      ext: item.ext,
      collectionDate: item.date,
      processingDate: this.time.now(),
      pointer: this.publishedDataset(dataset),
    });
  }

  /** Unit-data snapshots kept in a purpose's repository (default: where the stage reads). */
  async unitData(purpose: string = this.stage.from ?? this.stage.to): Promise<UnitDataStore> {
    let store = this.unitDataStores.get(purpose);
    if (!store) {
      store = new UnitDataStore({
        repository: await this.storage(purpose),
        catalog: this.catalog,
        areaBase: this.lake.areaBase,
        time: this.time,
        log: this.log,
      });
      this.unitDataStores.set(purpose, store);
    }
    return store;
  }

  private prefetched: UnitDataSnapshot | null = null;
  private storingPrefetched: Promise<void> | null = null;

  /**
   * Fetches today's inventory before the loop (a standardize stage's beforeItems). A failure is
   * reported and the run goes on: the day's files must not wait for the inventory service.
   */
  async prefetchUnitData(): Promise<void> {
    try {
      this.prefetched = await this.fetchUnitData();
    } catch (error) {
      this.reportFailure('unit data', this.time.today(), error);
    }
  }

  /**
   * Stores the prefetched inventory once per run, just before the first item that is really
   * processed (the original never stored it when nothing was processed, B-16).
   */
  async storePrefetchedUnitDataOnce(purpose: string = this.stage.to): Promise<void> {
    const snapshot = this.prefetched;
    if (!snapshot) return;
    this.storingPrefetched ??= (async () => {
      try {
        const entry = await (await this.unitData(purpose)).store(snapshot);
        this.log.info(`unit data -> ${entry.repository}:${entry.pointer}`);
      } catch (error) {
        this.reportFailure('unit data', this.time.today(), error);
      }
    })();
    await this.storingPrefetched;
  }

  /** Today's inventory of this stage's data source from the configured unit-data driver. */
  async fetchUnitData(): Promise<UnitDataSnapshot> {
    const driver = await this.lake.unitDataDriver(this.stage.dataSource);
    return driver.fetch(this.stage.dataSource);
  }

  /** A stage option: the run's value, else `sources.<ds>.<name>` from config, else the default. */
  option<T = unknown>(name: string): T | undefined {
    if (this.options[name] !== undefined) return this.options[name] as T;
    const configured = this.lake.sourceConfig(this.stage.dataSource)[name];
    if (configured !== undefined) return configured as T;
    return this.stage.options.find((option) => option.name === name)?.default as T | undefined;
  }

  /** Flush and close every publisher opened in the run, then the `-o` side files. */
  async closePublishers(): Promise<void> {
    // Every publisher is closed even when one fails; each failure is reported.
    const publishers = [...this.publishers.values(), ...this.itemPublishersToClose];
    for (const publisher of publishers) {
      await publisher.close().catch((error) => this.reportFailure(`publishing to ${publisher.dataset}`, this.state.processingDate, error));
    }
    for (const [dataset, file] of this.sideFiles) {
      await file.close().catch((error) => this.reportFailure(`writing ${dataset}.csv`, this.state.processingDate, error));
    }
    this.publishers.clear();
    this.itemPublishersToClose.length = 0;
    this.sideFiles.clear();
  }

  /** Runs one item with publisher buffers of its own (see `publisher`). */
  runItem<T>(process: () => Promise<T>): Promise<T> {
    return this.itemPublishers.run(new Map(), process);
  }

  /**
   * Drops the rows a failed item left in the publishers' buffers: the item has no catalog row, so
   * the next run publishes it whole, and its rows must not ride along with the next item's.
   * Inside runItem only that item's buffers.
   */
  discardUnpublishedRows(): void {
    for (const publisher of (this.itemPublishers.getStore() ?? this.publishers).values()) publisher.reset();
  }

  /** One `-o` copy per dataset, shared by the publishers of every item. */
  private sideFile(dataset: string): CsvFile | null {
    const outputPath = this.options.outputPath;
    if (!outputPath) return null;
    const published = this.publishedDataset(dataset);
    let file = this.sideFiles.get(published);
    if (!file) {
      file = publisherSideFile(outputPath, published, this.log);
      this.sideFiles.set(published, file);
    }
    return file;
  }

  /**
   * The unit-data snapshot for a day (the first taken after it, core.md §7.3). When the repository
   * holds none at all, today's inventory is fetched and stored first, so a lake whose
   * standardization ran while the inventory was unreachable recovers without a forced rerun.
   */
  async unitDataFor(date: Date, purpose: string = this.stage.from ?? this.stage.to): Promise<UnitDataSelection | null> {
    const store = await this.unitData(purpose);
    const selection = await store.forDate(date);
    if (selection || this.simulate) return selection;
    this.log.warn(`no ${this.stage.dataSource} unit data in ${this.repository(purpose)}; fetching today's inventory`);
    try {
      await store.store(await this.fetchUnitData());
    } catch (error) {
      // The caller fails the item for missing unit data; this says why none could be had.
      this.log.warn(`could not fetch today's ${this.stage.dataSource} inventory: ${describeError(error)}`);
      return null;
    }
    return store.forDate(date);
  }
}
