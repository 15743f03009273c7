import { describeError, LakeError } from '../errors';

/** A sort could not write its runs to the temp folder (full disk, no permission). */
export class SortSpillFailed extends LakeError {
  constructor(file: string, cause: unknown) {
    super(
      'SORT_SPILL_FAILED',
      `cannot write sort runs to ${file}: ${describeError(cause)}`,
      'check the free space and permissions of the temp folder (a large day needs about its own size there)',
      1,
      { cause },
    );
  }
}

/** A run read back is not what was written (its temp file was cut or changed meanwhile). */
export class SortRunDamaged extends LakeError {
  constructor(file: string) {
    super('SORT_RUN_DAMAGED', `the sort run ${file} is not as it was written`, "something changed the run's temp folder while it ran; run the stage again", 1);
  }
}
