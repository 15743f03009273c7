// Where a dataset's CSV lives: `<dir>/<dataset>.csv`. Dataset ids become file names, so one that
// could leave the folder is refused.
import * as path from 'node:path';
import { LakeError } from '../errors';

export class InvalidDatasetName extends LakeError {
  constructor(dataset: string) {
    super(
      'INVALID_DATASET',
      `dataset "${dataset}" cannot be used as a CSV file name`,
      'use letters, digits, ".", "_" or "-" (a Socrata id such as sh59-i6y9 is fine)',
    );
  }
}

export function datasetCsvPath(dir: string, dataset: string): string {
  if (!/^[A-Za-z0-9_-][A-Za-z0-9._-]*$/.test(dataset) || dataset.includes('..')) throw new InvalidDatasetName(dataset);
  return path.join(dir, `${dataset}.csv`);
}
