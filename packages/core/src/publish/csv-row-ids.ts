// The row ids a dataset CSV already holds, read once per driver so an upsert knows which rows of
// a batch replace existing ones. Only the ids are kept, never the rows.
import * as fs from 'node:fs';
import { LakeError } from '../errors';
import type { Logger } from '../log/logger';
import { readCsvRecords } from './csv-records';

export class UnknownIdColumn extends LakeError {
  constructor(file: string, idColumn: string) {
    super('UNKNOWN_ID_COLUMN', `${file} has no column "${idColumn}"`, 'pass the dataset\'s row identifier column, e.g. record_id');
  }
}

export class MissingRowId extends LakeError {
  constructor(dataset: string, idColumn: string) {
    super(
      'MISSING_ROW_ID',
      `a row for dataset ${dataset} has no value in its row identifier column "${idColumn}"`,
      'every row of a dataset with a row identifier needs one; nothing of this batch was written',
    );
  }
}

/**
 * The values of `idColumn` in the file (empty when there is no file yet). A last record the file
 * ends in the middle of, left by a run killed while appending, is cut off: the file ends on a
 * whole record again, and the rerun sends that row anew.
 */
export async function readCsvIds(filePath: string, idColumn: string, log: Logger): Promise<Set<string>> {
  const ids = new Set<string>();
  if (!fs.existsSync(filePath)) return ids;
  let idIndex = -1;
  let wholeBytes = 0;
  for await (const record of readCsvRecords(fs.createReadStream(filePath))) {
    if (!record.complete) {
      log.warn(`${filePath}: removing an incomplete last row (${Buffer.byteLength(record.raw)} bytes) left by an interrupted run`);
      await fs.promises.truncate(filePath, wholeBytes);
      break;
    }
    wholeBytes += Buffer.byteLength(record.raw);
    if (idIndex < 0) {
      idIndex = record.fields.indexOf(idColumn);
      if (idIndex < 0) throw new UnknownIdColumn(filePath, idColumn);
    } else {
      ids.add(record.fields[idIndex] ?? '');
    }
  }
  return ids;
}
