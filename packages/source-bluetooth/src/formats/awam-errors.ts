// What makes a whole AWAM file unusable: the item fails, nothing of it is stored, and the next
// run tries it again.
import { LakeError } from '@lake/core';
import type { BluetoothFileType } from './file-types';
import type { StandardizeProblems } from './standardize-records';

/**
 * A file with records, none of which has the layout of its type (the number of fields, text
 * without bad bytes): a wrong export, another delimiter, a binary file. Storing it would catalog
 * a file of nulls as complete (B-11); a file with at least one such record is kept, its problems
 * counted in a warning.
 */
export class AwamNotReadable extends LakeError {
  constructor(fileName: string, fileType: BluetoothFileType, problems: StandardizeProblems) {
    super(
      'BT_NOT_AWAM',
      `${fileName}: not one record has the layout of an AWAM ${fileType} file (${problems.counted() ?? 'no record'}; ${problems.examples.join('; ')}); nothing stored`,
      'check the file on the AWAM share (another export, delimiter or a damaged copy); once fixed, run bt:insert -F and bt:standard again',
    );
  }
}
