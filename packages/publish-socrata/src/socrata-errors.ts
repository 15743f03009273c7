// What can go wrong talking to Socrata, as errors a user can act on. None of them carries a
// password or an app token: messages are built from dataset ids, counts and redacted answers.
import { LakeError } from '@lake/core';

/** A dataset id that is not a Socrata "4x4" (`sh59-i6y9`). */
export class InvalidDatasetId extends LakeError {
  constructor(dataset: string) {
    super(
      'INVALID_DATASET_ID',
      `"${dataset}" is not a Socrata dataset id`,
      'a Socrata dataset id is two groups of four lower-case letters or digits, e.g. sh59-i6y9 (the end of the dataset URL)',
      2,
    );
  }
}

/** A column name that cannot be used in SoQL or an upsert payload. */
export class InvalidColumnName extends LakeError {
  constructor(column: string) {
    super('INVALID_COLUMN_NAME', `"${column}" is not a Socrata column field name`, 'field names are lower-case letters, digits and underscores, starting with a letter or underscore', 2);
  }
}

/** The upsert counts Socrata answered with. */
export interface SodaCounts {
  created: number;
  updated: number;
  deleted: number;
  errors: number;
}

/**
 * Socrata accepted the request but reported failed rows (`Errors` > 0) or a top-level `error`.
 * Rows of the same payload without errors may have been applied: sending the payload again is
 * safe because upserts by row identifier are idempotent.
 */
export class SocrataRowErrors extends LakeError {
  constructor(
    readonly dataset: string,
    readonly counts: SodaCounts,
    serviceMessage?: string,
  ) {
    super(
      'SOCRATA_ROW_ERRORS',
      `Socrata dataset ${dataset} reported ${counts.errors} row error${counts.errors === 1 ? '' : 's'} ` +
        `(created ${counts.created}, updated ${counts.updated}, deleted ${counts.deleted})` +
        (serviceMessage ? `: ${serviceMessage}` : ''),
      `check that the rows match the columns of ${dataset} and that its row identifier is set; nothing was recorded in the catalog, so the next run sends these rows again`,
    );
  }
}

/** Socrata refused the credentials (401) or the user may not touch the dataset (403). */
export class SocrataAuthFailed extends LakeError {
  constructor(dataset: string, status: number, username: string) {
    super(
      'SOCRATA_AUTH',
      status === 401
        ? `Socrata refused the credentials of user ${username} (HTTP 401) for dataset ${dataset}`
        : `Socrata user ${username} may not write dataset ${dataset} (HTTP 403)`,
      status === 401
        ? 'check publish.username and publish.password in lake.config.json (usually ${env:SOCRATA_USER} and ${env:SOCRATA_PASSWORD})'
        : `ask the dataset owner to grant ${username} write access to ${dataset}`,
      2,
    );
  }
}

/** An answer that is not what the SODA API sends (a proxy page, a changed API, …). */
export class SocrataUnexpectedAnswer extends LakeError {
  constructor(what: string, problem: string) {
    super('SOCRATA_UNEXPECTED_ANSWER', `Socrata answered ${what} with ${problem}`, 'check publish.host / publish.baseUrl in lake.config.json');
  }
}

/** A delete payload created or updated rows: the column named is not the dataset's row identifier. */
export class DeleteWroteRows extends LakeError {
  constructor(dataset: string, idColumn: string, counts: SodaCounts) {
    super(
      'SOCRATA_DELETE_WROTE_ROWS',
      `deleting rows of Socrata dataset ${dataset} by ${idColumn} created ${counts.created} and updated ${counts.updated} rows`,
      `${idColumn} is probably not the row identifier of ${dataset}: set it in the dataset's settings on Socrata, or name the right column`,
    );
  }
}

/** A queried row without the id column. */
export class MissingRowId extends LakeError {
  constructor(dataset: string, idColumn: string) {
    super('SOCRATA_MISSING_ROW_ID', `a row of Socrata dataset ${dataset} has no ${idColumn}`, `check that ${idColumn} is the row identifier column of ${dataset}`);
  }
}
