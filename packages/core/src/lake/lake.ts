// An opened lake: config, calendar, logger, registry and the drivers it configures, created on
// first use and closed together. Everything a stage touches comes from here.
import type { LakeConfig, DriverConfig } from '../config/lake-config';
import { repositoryName } from '../config/load-config';
import { Catalog } from '../catalog/catalog';
import type { CatalogDriver } from '../catalog/catalog-driver';
import { ConfigError } from '../errors';
import { silentLogger, type Logger } from '../log/logger';
import type { PerfmetDriver } from '../perfmet/perfmet-driver';
import type { PublishDriver } from '../publish/publish-driver';
import type { DriverEnv, DriverKind, DriverKinds } from '../registry/driver-factories';
import { Registry } from '../registry/registry';
import type { StorageDriver } from '../storage/storage-driver';
import { DEFAULT_TIME_ZONE, LakeTime } from '../time/lake-time';
import type { UnitDataDriver } from '../unitdata/unit-data';
import { embeddedPlugin } from '../embedded/embedded-plugin';
import path from 'node:path';

/** The embedded default: what runs when the config names no driver. */
export const DEFAULT_DRIVERS: Record<DriverKind, DriverConfig> = {
  storage: { driver: 'local' },
  catalog: { driver: 'sqlite' },
  perfmet: { driver: 'sqlite' },
  publish: { driver: 'csv' },
  unitData: { driver: 'file' },
};

export interface OpenLakeOptions {
  config?: LakeConfig;
  /** Root of the embedded default; default config.home, $LAKE_HOME, ./lake-data. */
  home?: string;
  /** Default: a registry with only the embedded drivers. */
  registry?: Registry;
  log?: Logger;
  /** Fix "now" (tests). */
  clock?: () => Date;
}

export class Lake {
  readonly config: LakeConfig;
  readonly home: string;
  readonly time: LakeTime;
  readonly log: Logger;
  readonly registry: Registry;
  readonly areaBase: string;
  private readonly drivers = new Map<string, Promise<unknown>>();
  private catalogFacade: Catalog | null = null;

  constructor(options: OpenLakeOptions = {}) {
    this.config = options.config ?? {};
    this.home = path.resolve(options.home ?? this.config.home ?? process.env.LAKE_HOME ?? 'lake-data');
    this.time = new LakeTime(this.config.timeZone ?? DEFAULT_TIME_ZONE, options.clock);
    this.log = options.log ?? silentLogger;
    this.registry = options.registry ?? new Registry();
    this.registry.register(embeddedPlugin);
    this.areaBase = this.config.areaBase ?? 'Austin';
  }

  /** Repository name of a purpose (production or debug names, core.md §1.1). */
  repository(purpose: string, debug = false): string {
    return repositoryName(this.config, purpose, debug);
  }

  storageDriver(): Promise<StorageDriver> {
    return this.driver('storage', this.config.storage);
  }

  catalogDriver(): Promise<CatalogDriver> {
    return this.driver('catalog', this.config.catalog);
  }

  perfmetDriver(): Promise<PerfmetDriver> {
    return this.driver('perfmet', this.config.perfmet);
  }

  publishDriver(): Promise<PublishDriver> {
    return this.driver('publish', this.config.publish);
  }

  /** The unit-data driver of a data source: `unitData` may name one driver or one per source. */
  unitDataDriver(dataSource: string): Promise<UnitDataDriver> {
    const configured = this.config.unitData;
    const settings =
      configured && typeof configured.driver === 'string'
        ? (configured as DriverConfig)
        : (configured as Record<string, DriverConfig> | undefined)?.[dataSource];
    return this.driver('unitData', settings, dataSource);
  }

  async catalog(): Promise<Catalog> {
    this.catalogFacade ??= new Catalog(await this.catalogDriver(), { time: this.time, log: this.log });
    return this.catalogFacade;
  }

  /**
   * Fails with UnknownDriver (exit 2, naming the installed drivers) when the config names a driver
   * no plugin installed. Drivers open lazily, so without this every work item would fail alike.
   */
  checkDrivers(): void {
    for (const kind of Object.keys(DEFAULT_DRIVERS) as DriverKind[]) {
      for (const settings of this.configuredDrivers(kind)) {
        if (typeof settings.driver === 'string') this.registry.driverFactory(kind, settings.driver);
      }
    }
  }

  /** `unitData` may name one driver or one per data source. */
  private configuredDrivers(kind: DriverKind): DriverConfig[] {
    const configured = this.config[kind] as DriverConfig | Record<string, DriverConfig> | undefined;
    if (!configured) return [];
    if (kind !== 'unitData' || typeof configured.driver === 'string') return [configured as DriverConfig];
    return Object.values(configured as Record<string, DriverConfig>).filter((settings) => typeof settings === 'object' && settings !== null);
  }

  /** Settings a source plugin keeps under `sources.<code>`. */
  sourceConfig(dataSource: string): Record<string, unknown> {
    return this.config.sources?.[dataSource] ?? {};
  }

  async close(): Promise<void> {
    const opened = await Promise.allSettled(this.drivers.values());
    this.drivers.clear();
    this.catalogFacade = null;
    // Every driver is closed even when another one's close fails; the first failure is rethrown.
    let firstFailure: { error: unknown } | null = null;
    for (const result of opened) {
      if (result.status !== 'fulfilled') continue;
      try {
        await (result.value as { close(): Promise<void> }).close();
      } catch (error) {
        firstFailure ??= { error };
      }
    }
    if (firstFailure) throw firstFailure.error;
  }

  private driver<Kind extends DriverKind>(kind: Kind, configured: DriverConfig | undefined, variant = ''): Promise<DriverKinds[Kind]> {
    const cacheKey = `${kind}:${variant}`;
    let driver = this.drivers.get(cacheKey) as Promise<DriverKinds[Kind]> | undefined;
    if (!driver) {
      driver = this.createDriver(kind, configured ?? DEFAULT_DRIVERS[kind]);
      this.drivers.set(cacheKey, driver);
    }
    return driver;
  }

  // Async so a bad config or an unknown driver name rejects the returned promise, never throws.
  private async createDriver<Kind extends DriverKind>(kind: Kind, settings: DriverConfig): Promise<DriverKinds[Kind]> {
    if (typeof settings.driver !== 'string') throw new ConfigError(`"${kind}" in the config needs a "driver" name`);
    const factory = this.registry.driverFactory(kind, settings.driver);
    return factory(settings, this.driverEnv());
  }

  private driverEnv(): DriverEnv {
    return { home: this.home, time: this.time, log: this.log, config: this.config, registry: this.registry };
  }
}
