import { definePlugin } from '@lake/core';
import { wavetronixSample } from './samples/wavetronix-sample';
import { WavetronixInsert } from './stages/wt-insert';
import { WavetronixPublish } from './stages/wt-publish';
import { WavetronixReady } from './stages/wt-ready';
import { WavetronixStandard } from './stages/wt-standard';
import { wavetronixUnitDataMapping } from './unit-data-mapping';

export const wavetronixPlugin = definePlugin({
  name: '@lake/device-wavetronix',
  version: '0.1.0',
  coreRange: '^0.1.0',
  stages: [new WavetronixInsert(), new WavetronixStandard(), new WavetronixReady(), new WavetronixPublish()],
  unitDataMappings: { knack: wavetronixUnitDataMapping },
  samples: [wavetronixSample],
});
