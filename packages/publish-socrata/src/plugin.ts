// What this package adds to lake: the `socrata` publish driver.
import { definePlugin } from '@lake/core';
import { SocrataPublishDriver } from './socrata-publish-driver';
import { SOCRATA_DRIVER } from './socrata-settings';

export const socrataPlugin = definePlugin({
  name: '@lake/publish-socrata',
  version: '0.1.0',
  coreRange: '^0.1.0',
  drivers: { publish: { [SOCRATA_DRIVER]: (settings, env) => new SocrataPublishDriver(settings, { log: env.log }) } },
});
