// `--debug` must never write to a production dataset (the original published debug runs to the
// production Socrata datasets, core.md C-16). A debug run publishes to the dataset named in
// `publish.debugDatasets`; the embedded CSV publisher uses a `-test` file; anything else is refused.
import type { DriverConfig } from '../config/lake-config';
import { LakeError } from '../errors';

export class DebugPublishRefused extends LakeError {
  constructor(dataset: string, driver: string) {
    super(
      'DEBUG_PUBLISH_REFUSED',
      `--debug never publishes to the production dataset ${dataset} (publish driver "${driver}")`,
      `name a test dataset for it in lake.config.json: "publish": { "debugDatasets": { "${dataset}": "<test dataset id>" } }`,
      2,
    );
  }
}

/** The dataset a run writes to: the production one, or its debug counterpart with --debug. */
export function publishDataset(dataset: string, debug: boolean, publish: DriverConfig | undefined): string {
  if (!debug) return dataset;
  const mapped = (publish?.debugDatasets as Record<string, unknown> | undefined)?.[dataset];
  if (typeof mapped === 'string' && mapped !== '') return mapped;
  const driver = publish?.driver ?? 'csv';
  if (driver === 'csv') return `${dataset}-test`;
  throw new DebugPublishRefused(dataset, driver);
}
