// What this package adds to lake: the `postgres` catalog and perfmet drivers.
import { definePlugin } from '@lake/core';
import { POSTGRES_DRIVER, PostgresCatalogDriver } from './postgres-catalog-driver';
import { PostgresPerfmetDriver } from './postgres-perfmet-driver';

export const postgresPlugin = definePlugin({
  name: '@lake/catalog-postgres',
  version: '0.1.0',
  coreRange: '^0.1.0',
  drivers: {
    catalog: { [POSTGRES_DRIVER]: (settings, env) => new PostgresCatalogDriver(settings, env) },
    perfmet: { [POSTGRES_DRIVER]: (settings, env) => new PostgresPerfmetDriver(settings, env) },
  },
});
