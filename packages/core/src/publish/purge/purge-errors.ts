// What can stop a purge, or one item of it, with a hint a person can act on.
import { LakeError } from '../../errors';
import type { PublishResult } from '../publish-driver';

export class PurgeNotSupported extends LakeError {
  constructor(dataSource: string, why: string) {
    super('PURGE_NOT_SUPPORTED', `cannot purge the published rows of data source "${dataSource}": ${why}`, 'purge needs a publish stage that can recompute its row ids (PublishedRowIds)', 2);
  }
}

export class AmbiguousPublishStage extends LakeError {
  constructor(dataSource: string, stages: string[]) {
    super('PURGE_STAGE_AMBIGUOUS', `data source "${dataSource}" has more than one publish stage: ${stages.join(', ')}`, `name one with --stage, e.g. --stage ${stages[0]}`, 2);
  }
}

/** The ready file a public row was published from is gone: its ids cannot be recomputed. */
export class PurgeSourceMissing extends LakeError {
  constructor(repository: string, what: string) {
    super(
      'PURGE_SOURCE_MISSING',
      `no file in ${repository} for ${what}: the ids of its published rows cannot be recomputed`,
      'its public catalog row is kept; restore the file and purge again (purge before re-running the stages that rewrite it)',
    );
  }
}

/** The stage would now publish elsewhere than the catalog row says the rows went. */
export class PurgeDatasetMismatch extends LakeError {
  constructor(recorded: string, current: string) {
    super(
      'PURGE_DATASET_MISMATCH',
      `the public catalog row says its rows went to ${recorded}, but the stage now publishes them to ${current}`,
      'the configuration changed since it was published; purge with the configuration it was published with (nothing was deleted, the catalog row is kept)',
    );
  }
}

export class PurgeIdColumnMismatch extends LakeError {
  constructor(dataset: string, first: string, second: string) {
    super('PURGE_ID_COLUMN', `dataset ${dataset} was given row ids of column ${first}, then of column ${second}`, 'a stage names one row id column per dataset');
  }
}

/** A delete that created or updated rows: the column named is not the dataset's row identifier. */
export class PurgeWroteRows extends LakeError {
  constructor(dataset: string, idColumn: string, result: PublishResult) {
    super(
      'PURGE_WROTE_ROWS',
      `deleting rows of ${dataset} by ${idColumn} created ${result.created} and updated ${result.updated} rows`,
      `${idColumn} is not the dataset's row identifier; set it as the row identifier of ${dataset}`,
    );
  }
}
