// Turns what the AWS SDK throws into lake errors. Anything that is not S3's doing (a failing
// source stream, a bug) is passed through untouched, so the caller sees its own error.
import { ConfigError, ObjectNotFound } from '@lake/core';
import { BucketNotFound, S3AccessDenied, S3CredentialsMissing, S3RequestFailed, S3Unreachable } from './s3-errors';

/** Where a request went, to name it in the error. */
export interface S3Target {
  /** Verb for messages: "write", "read", "list", … */
  operation: string;
  repository: string;
  bucket: string;
  key?: string;
  /** Endpoint or region, for "cannot reach". */
  where: string;
  /** Values that must never appear in a message (secret key, session token). */
  secrets: readonly string[];
}

const ACCESS_CODES = new Set(['AccessDenied', 'InvalidAccessKeyId', 'SignatureDoesNotMatch', 'ExpiredToken', 'InvalidToken', 'TokenRefreshRequired', 'Forbidden', 'AllAccessDisabled']);
const NETWORK_CODES = ['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'TimeoutError'];

interface SdkError {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

export function s3Failure(error: unknown, target: S3Target): unknown {
  if (typeof error !== 'object' || error === null) return error;
  const sdk = error as SdkError;
  const status = sdk.$metadata?.httpStatusCode;
  const name = sdk.name ?? '';
  if (name === 'CredentialsProviderError') return new S3CredentialsMissing();
  if (sdk.message === 'Region is missing') {
    return new ConfigError('the s3 storage driver has no region', 'set storage.region in lake.config.json, or AWS_REGION in the environment');
  }
  if (name === 'NoSuchBucket') return new BucketNotFound(target.bucket, target.repository);
  if (name === 'NoSuchKey' && target.key !== undefined) return new ObjectNotFound(target.repository, target.key);
  if (ACCESS_CODES.has(name) || status === 403) return new S3AccessDenied(target.operation, target.bucket, name || 'HTTP 403');
  const networkCode = networkCodeOf(sdk);
  if (networkCode) return new S3Unreachable(target.where, networkCode, error);
  if (sdk.$metadata !== undefined && status !== undefined) {
    return new S3RequestFailed(target.operation, target.bucket, target.key, name || 'UnknownError', status, redact(sdk.message ?? '', target.secrets));
  }
  return error;
}

/** True for S3's "no such object" answers, including HEAD's body-less 404. */
export function isNotFound(error: unknown): boolean {
  const sdk = error as SdkError | null;
  return sdk?.$metadata?.httpStatusCode === 404 || sdk?.name === 'NotFound' || sdk?.name === 'NoSuchKey';
}

export function isNoSuchBucket(error: unknown): boolean {
  return (error as SdkError | null)?.name === 'NoSuchBucket';
}

/**
 * The socket error's code, for errors that went through the SDK (it adds `$metadata`; a failing
 * source stream's ECONNRESET is not S3's). The SDK's retry layer re-wraps errors that are not
 * `instanceof Error` in its realm (Node's own errors, under jest) keeping only the text, so the
 * message is read too.
 */
function networkCodeOf(sdk: SdkError): string | undefined {
  if (sdk.$metadata === undefined || sdk.$metadata.httpStatusCode !== undefined) return undefined;
  return NETWORK_CODES.find((code) => sdk.code === code || sdk.name === code || new RegExp(`\\b${code}\\b`).test(sdk.message ?? ''));
}

function redact(text: string, secrets: readonly string[]): string {
  return secrets.filter((secret) => secret.length > 0).reduce((clean, secret) => clean.split(secret).join('***'), text);
}
