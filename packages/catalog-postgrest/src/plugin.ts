// What this package adds to lake: the `postgrest` catalog and perfmet drivers.
import { definePlugin } from '@lake/core';
import { POSTGREST_DRIVER, PostgrestCatalogDriver } from './postgrest-catalog-driver';
import { PostgrestPerfmetDriver } from './postgrest-perfmet-driver';

export const postgrestPlugin = definePlugin({
  name: '@lake/catalog-postgrest',
  version: '0.1.0',
  coreRange: '^0.1.0',
  drivers: {
    catalog: { [POSTGREST_DRIVER]: (settings, env) => new PostgrestCatalogDriver(settings, env) },
    perfmet: { [POSTGREST_DRIVER]: (settings, env) => new PostgrestPerfmetDriver(settings, env) },
  },
});
