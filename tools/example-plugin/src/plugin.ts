import { definePlugin } from '@lake/core';
import { ExampleInsert } from './stages/example-insert';
import { ExamplePublish } from './stages/example-publish';
import { ExampleStandard } from './stages/example-standard';
import { exampleSample } from './samples';

export const examplePlugin = definePlugin({
  name: '@lake/example-plugin',
  version: '0.1.0',
  coreRange: '^0.1.0',
  stages: [new ExampleInsert(), new ExampleStandard(), new ExamplePublish()],
  samples: [exampleSample],
});
