// @lake/storage-s3 as a library: lake files in S3 (or an S3-compatible server) without the CLI.
// No oclif here (the init hook in hooks/init.ts is the CLI's way in).

export { S3StorageDriver } from './s3-storage-driver';
export { S3_DRIVER, MIN_PART_SIZE, s3OptionsFromSettings, type S3StorageOptions, type ChecksumWhen } from './s3-storage-options';
export { bucketFor } from './object-names';
export { BucketNotFound, S3AccessDenied, S3CredentialsMissing, S3Unreachable, S3RequestFailed } from './s3-errors';
export { s3Plugin } from './plugin';
