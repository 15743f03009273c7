export { examplePlugin } from './plugin';
export { ExampleInsert } from './stages/example-insert';
export { ExampleStandard } from './stages/example-standard';
export { ExamplePublish, EXAMPLE_DATASET } from './stages/example-publish';
export { parseCountsCsv, type CountRecord } from './formats/counts-csv';
