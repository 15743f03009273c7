import type { CatalogDriver } from '../catalog/catalog-driver';
import type { LakeConfig, DriverConfig } from '../config/lake-config';
import type { Logger } from '../log/logger';
import type { PerfmetDriver } from '../perfmet/perfmet-driver';
import type { PublishDriver } from '../publish/publish-driver';
import type { StorageDriver } from '../storage/storage-driver';
import type { LakeTime } from '../time/lake-time';
import type { UnitDataDriver } from '../unitdata/unit-data';
import type { Registry } from './registry';

/** What a driver factory may use besides its own settings. */
export interface DriverEnv {
  /** Absolute root of the embedded default ($LAKE_HOME). */
  home: string;
  time: LakeTime;
  log: Logger;
  config: LakeConfig;
  /** What plugins contributed (e.g. unit-data mappings a driver applies). */
  registry: Registry;
}

export type DriverFactory<Driver> = (settings: DriverConfig, env: DriverEnv) => Driver | Promise<Driver>;

/** The driver seams, by kind. */
export interface DriverKinds {
  storage: StorageDriver;
  catalog: CatalogDriver;
  perfmet: PerfmetDriver;
  publish: PublishDriver;
  unitData: UnitDataDriver;
}

export type DriverKind = keyof DriverKinds;

export type DriverFactories = {
  [Kind in DriverKind]?: Record<string, DriverFactory<DriverKinds[Kind]>>;
};
