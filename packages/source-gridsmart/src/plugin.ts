import { definePlugin } from '@lake/core';
import { gridsmartSample } from './samples/gridsmart-sample';
import { GridsmartInsert } from './stages/gs-insert';
import { GridsmartPublish } from './stages/gs-publish';
import { GridsmartReady } from './stages/gs-ready';
import { GridsmartReadyAgg } from './stages/gs-ready-agg';
import { GridsmartStandard } from './stages/gs-standard';
import { gridsmartUnitDataMapping } from './unit-data-mapping';

export const gridsmartPlugin = definePlugin({
  name: '@lake/source-gridsmart',
  version: '0.1.0',
  coreRange: '^0.1.0',
  stages: [new GridsmartInsert(), new GridsmartStandard(), new GridsmartReady(), new GridsmartReadyAgg(), new GridsmartPublish()],
  unitDataMappings: { knack: gridsmartUnitDataMapping },
  samples: [gridsmartSample],
});
