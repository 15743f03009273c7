// What can go wrong between lake and S3, each with a code and a hint. Messages name buckets,
// keys and S3 error codes, never credentials.
import { LakeError } from '@lake/core';

/** The bucket a repository maps to does not exist (or is not visible to these credentials). */
export class BucketNotFound extends LakeError {
  constructor(readonly bucket: string, readonly repository: string) {
    super(
      'BUCKET_NOT_FOUND',
      `S3 bucket "${bucket}" (repository "${repository}") does not exist`,
      `create the bucket, or map the repository to an existing bucket with storage.bucketPrefix or storage.buckets in lake.config.json; check storage.region and storage.endpoint too`,
    );
  }
}

/** S3 refused the credentials or the operation. */
export class S3AccessDenied extends LakeError {
  constructor(operation: string, bucket: string, s3Code: string) {
    super(
      'S3_ACCESS_DENIED',
      `S3 refused to ${operation} in bucket "${bucket}" (${s3Code})`,
      'check storage.accessKeyId / storage.secretAccessKey (or the AWS credentials in the environment) and the bucket policy; ' +
        'note that S3 answers 403 rather than 404 for a missing object when the credentials may not list the bucket',
    );
  }
}

/** No credentials in the settings and none found by the AWS SDK's default chain. */
export class S3CredentialsMissing extends LakeError {
  constructor() {
    super(
      'S3_NO_CREDENTIALS',
      'no AWS credentials were found for the s3 storage driver',
      'set storage.accessKeyId and storage.secretAccessKey (e.g. "${env:AWS_ACCESS_KEY_ID}"), or AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_PROFILE in the environment',
      2,
    );
  }
}

/** Nothing answered at the endpoint (refused, unknown host, timeout). */
export class S3Unreachable extends LakeError {
  constructor(where: string, reason: string, cause?: unknown) {
    super('S3_UNREACHABLE', `cannot reach S3 at ${where} (${reason})`, 'check storage.endpoint and storage.region in lake.config.json, and the network', 1, { cause });
  }
}

/** Any other answer S3 gave that lake cannot act on. */
export class S3RequestFailed extends LakeError {
  // No `cause`: the SDK's exception carries whatever the server sent back, unredacted.
  constructor(operation: string, bucket: string, key: string | undefined, s3Code: string, status: number | undefined, detail: string) {
    const target = key === undefined ? `bucket "${bucket}"` : `"${key}" in bucket "${bucket}"`;
    const answer = status === undefined ? s3Code : `${s3Code}, HTTP ${status}`;
    super('S3_REQUEST_FAILED', `S3 ${operation} of ${target} failed (${answer})${detail ? `: ${detail}` : ''}`);
  }
}
