// What can be wrong with a counts ZIP as a whole (gridsmart.md §3.1): the item fails, nothing of
// it is written.
import { LakeError } from '@lake/core';

export class CorruptZip extends LakeError {
  constructor(what: string, cause: unknown) {
    super('GS_CORRUPT_ZIP', `${what} is not a readable ZIP archive: ${cause instanceof Error ? cause.message : String(cause)}`, 'rerun gs:insert for that day with -F to fetch the archive again', 1, { cause });
  }
}

export class NoCameraDirectory extends LakeError {
  constructor(what: string) {
    super('GS_NO_CAMERA_DIR', `${what} has no camera directory (a top-level folder named like a MAC address, xx-xx-xx-xx-xx-xx)`, 'check what the device served for that day; rerun gs:insert with -F once it is fixed');
  }
}

export class ZipTooLarge extends LakeError {
  constructor(what: string, limitBytes: number) {
    super(
      'GS_ZIP_TOO_LARGE',
      `${what} unpacks to more than ${Math.round((limitBytes / 1024 / 1024) * 100) / 100} MiB (maxUnzippedMiB); refused as a possible ZIP bomb`,
      'raise sources.gs.maxUnzippedMiB if the archive is genuine',
    );
  }
}

/**
 * One entry's bytes cannot be trusted: the data do not inflate, are cut short, or do not match
 * the CRC-32 the archive gives (yauzl does not check it). Only what came from the entry is lost.
 */
export class CorruptZipEntry extends LakeError {
  constructor(what: string, entry: string, cause: unknown) {
    super('GS_CORRUPT_ZIP_ENTRY', `${what}: ${entry} is damaged: ${cause instanceof Error ? cause.message : String(cause)}`, 'rerun gs:insert for that day with -F to fetch the archive again', 1, { cause });
  }
}
