// The checks every catalog driver makes on what it is asked to write or read, with the same
// errors whatever the backend.
import { LakeError } from '../errors';

export class InvalidCatalogEntry extends LakeError {
  constructor(why: string) {
    super('INVALID_CATALOG_ENTRY', `cannot write catalog row: ${why}`, 'this is a bug in the stage that built the row');
  }
}

export class InvalidCatalogQuery extends LakeError {
  constructor(why: string) {
    super('INVALID_CATALOG_QUERY', `cannot query the catalog: ${why}`);
  }
}

type CatalogErrorClass = new (why: string) => LakeError;

/** A query's `limit` as a row count (Infinity when absent). */
export function catalogRowLimit(limit: number | undefined): number {
  if (limit === undefined || limit === Infinity) return Infinity;
  if (!Number.isInteger(limit) || limit < 0) throw new InvalidCatalogQuery(`limit must be a whole number ≥ 0, got ${limit}`);
  return limit;
}

export function requireCatalogText(value: unknown, name: string, Failure: CatalogErrorClass = InvalidCatalogQuery): asserts value is string {
  if (typeof value !== 'string' || value === '') throw new Failure(`${name} is required`);
}

/** Epoch milliseconds of a date the caller must have given as a valid Date. */
export function catalogInstantMs(value: Date, name: string, Failure: CatalogErrorClass = InvalidCatalogQuery): number {
  const ms = value instanceof Date ? value.getTime() : NaN;
  if (Number.isNaN(ms)) throw new Failure(`${name} is not a valid date`);
  return ms;
}
