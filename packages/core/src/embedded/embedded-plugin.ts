// The embedded default: everything under $LAKE_HOME, nothing to install or start.
//   <home>/<repository>/YYYY/MM/DD/<ds>/<file>   local storage, one folder per repository
//   <home>/lake.sqlite                            catalog and perfmet tables
//   <home>/publish/<dataset>.csv                  published rows
//   <home>/unit-data/                             sensor inventory files (unit-data format)
import path from 'node:path';
import { SqliteCatalogDriver } from '../catalog/sqlite-catalog-driver';
import { SqlitePerfmetDriver } from '../perfmet/sqlite-perfmet-driver';
import { CsvPublishDriver } from '../publish/csv-publish-driver';
import { definePlugin } from '../registry/lake-plugin';
import type { DriverEnv } from '../registry/driver-factories';
import type { DriverConfig } from '../config/lake-config';
import { LocalStorageDriver } from '../storage/local-storage-driver';
import { FileUnitDataDriver } from '../unitdata/file-unit-data-driver';
import { CORE_VERSION } from '../version';

function setting(settings: DriverConfig, name: string, env: DriverEnv, fallback: string): string {
  const value = settings[name];
  return path.resolve(env.home, typeof value === 'string' ? value : fallback);
}

export const embeddedPlugin = definePlugin({
  name: '@lake/core',
  version: CORE_VERSION,
  coreRange: CORE_VERSION,
  drivers: {
    storage: {
      local: (settings, env) => new LocalStorageDriver(setting(settings, 'root', env, '.')),
    },
    catalog: {
      sqlite: (settings, env) => SqliteCatalogDriver.open(setting(settings, 'path', env, 'lake.sqlite'), env.time),
    },
    perfmet: {
      sqlite: (settings, env) => SqlitePerfmetDriver.open(setting(settings, 'path', env, 'lake.sqlite'), env.time),
    },
    publish: {
      csv: (settings, env) => new CsvPublishDriver(setting(settings, 'dir', env, 'publish')),
    },
    unitData: {
      file: (settings, env) =>
        new FileUnitDataDriver(
          { driver: 'file', path: setting(settings, 'path', env, 'unit-data'), maxMiB: settings.maxMiB as number | undefined },
          { time: env.time, areaBase: env.config.areaBase ?? 'Austin', baseDir: env.home, log: env.log },
        ),
    },
  },
});
