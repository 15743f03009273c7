// Socrata names a dataset by its "4x4" (`sh59-i6y9`). Checked before any request, so a typo in
// the config fails with a clear message instead of a 404 from the portal.
import { InvalidColumnName, InvalidDatasetId } from './socrata-errors';

const FOUR_BY_FOUR = /^[a-z0-9]{4}-[a-z0-9]{4}$/;
// SoQL field names; anything else could also change the meaning of a query.
const FIELD_NAME = /^[a-z_][a-z0-9_]*$/;

export function isDatasetId(dataset: string): boolean {
  return FOUR_BY_FOUR.test(dataset);
}

export function assertDatasetId(dataset: string): string {
  if (!isDatasetId(dataset)) throw new InvalidDatasetId(dataset);
  return dataset;
}

export function assertFieldName(column: string): string {
  if (!FIELD_NAME.test(column)) throw new InvalidColumnName(column);
  return column;
}
