// Errors every storage driver throws, so stages can tell "absent" from "broken" whatever the backend.
import { LakeError } from '../errors';

export class ObjectNotFound extends LakeError {
  constructor(readonly repository: string, readonly key: string) {
    super(
      'OBJECT_NOT_FOUND',
      `no object "${key}" in repository "${repository}"`,
      'check the catalog pointer, or re-run the stage that writes this file',
    );
  }
}

/** A key or repository name that could escape the storage root or is not S3-shaped. */
export class InvalidStorageKey extends LakeError {
  constructor(what: 'key' | 'repository', value: string, why: string) {
    super(
      'INVALID_STORAGE_KEY',
      `invalid storage ${what} "${value}": ${why}`,
      'keys are relative paths with "/" separators, e.g. 2019/06/01/bt/Austin_bt_2019-06-01.json',
    );
  }
}

/** A base or ext (often taken from a source: a street name, a file name) that could not name a lake file. */
export class UnsafeFileName extends LakeError {
  constructor(what: 'base' | 'ext', value: string) {
    super(
      'UNSAFE_FILE_NAME',
      `the ${what} ${JSON.stringify(value)} cannot be part of a lake file name: it holds a path separator or a control character`,
      'names from sources must not contain "/", "\\" or control characters; fix the name at the source',
    );
  }
}
