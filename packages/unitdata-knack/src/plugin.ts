// What this package adds to lake: the `knack` unit-data driver.
import { definePlugin } from '@lake/core';
import { KNACK_DRIVER, KnackUnitDataDriver } from './knack-unit-data-driver';

export const knackPlugin = definePlugin({
  name: '@lake/unitdata-knack',
  version: '0.1.0',
  coreRange: '^0.1.0',
  drivers: { unitData: { [KNACK_DRIVER]: (settings, env) => new KnackUnitDataDriver(settings, env) } },
});
