// The `publish` block of lake.config.json for the socrata driver, checked once when the driver
// opens. `${env:…}` is already substituted, so numbers may arrive as text.
import { ConfigError, type DriverConfig } from '@lake/core';

export const SOCRATA_DRIVER = 'socrata';
/** Socrata's own advice for upserts, and the original's SOC_CHUNK. */
export const SOCRATA_CHUNK = 10_000;
/** A 10 000-row upsert is processed while the request waits; give it time. */
export const SOCRATA_TIMEOUT_MS = 120_000;

/** `publish` in lake.config.json. */
export interface SocrataPublishConfig extends DriverConfig {
  driver: 'socrata';
  /** The portal, e.g. `data.austintexas.gov` (HTTPS). Give this or `baseUrl`. */
  host?: string;
  /** A full URL instead of `host` (tests, a proxy). */
  baseUrl?: string;
  /** HTTP Basic credentials of a user (or API key id/secret) that may write the datasets. */
  username: string;
  password: string;
  /** Sent as `X-App-Token` (Socrata throttles requests without one). */
  appToken?: string;
  /** Rows per upsert request (default 10 000). */
  chunkSize?: number;
  /** Per request, in milliseconds (default 120 000). */
  timeoutMs?: number;
  /** Attempts per request, including the first (default 4). */
  attempts?: number;
  /** First retry delay, doubled each retry (default 1 000). */
  backoffMs?: number;
}

/** The checked settings. */
export interface SocrataSettings {
  baseUrl: string;
  username: string;
  password: string;
  appToken: string | null;
  chunkSize: number;
  timeoutMs: number;
  attempts: number;
  backoffMs: number;
}

export function socrataSettings(settings: DriverConfig): SocrataSettings {
  return {
    baseUrl: baseUrlOf(settings),
    username: requiredText(settings, 'username', 'SOCRATA_USER'),
    password: requiredText(settings, 'password', 'SOCRATA_PASSWORD'),
    appToken: optionalText(settings, 'appToken'),
    chunkSize: positiveInteger(settings, 'chunkSize', SOCRATA_CHUNK),
    timeoutMs: positiveInteger(settings, 'timeoutMs', SOCRATA_TIMEOUT_MS),
    attempts: positiveInteger(settings, 'attempts', 4),
    backoffMs: positiveInteger(settings, 'backoffMs', 1000),
  };
}

function baseUrlOf(settings: DriverConfig): string {
  const host = optionalText(settings, 'host');
  const baseUrl = optionalText(settings, 'baseUrl');
  if (host && baseUrl) throw new ConfigError('publish: give "host" or "baseUrl", not both');
  if (baseUrl) {
    let url: URL;
    try {
      url = new URL(baseUrl);
    } catch {
      throw new ConfigError(`publish.baseUrl "${baseUrl}" is not a URL`, 'e.g. "https://data.austintexas.gov"');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ConfigError(`publish.baseUrl must be an http(s) URL, got ${url.protocol}`);
    return baseUrl;
  }
  if (!host) {
    // No default portal on purpose: a test or debug config must never write production by accident.
    throw new ConfigError('the socrata publish driver needs "host"', 'add "host": "data.austintexas.gov" (or your portal) to the publish block of lake.config.json');
  }
  if (!/^[a-z0-9.-]+(:\d+)?$/i.test(host)) {
    throw new ConfigError(`publish.host "${host}" is not a host name`, 'give the bare name, e.g. "data.austintexas.gov", or a full URL as "baseUrl"');
  }
  return `https://${host}`;
}

function requiredText(settings: DriverConfig, name: string, envName: string): string {
  const value = settings[name];
  if (typeof value === 'string' && value.trim() !== '') return value;
  throw new ConfigError(
    `the socrata publish driver needs "${name}"`,
    `add "${name}": "\${env:${envName}}" to the publish block of lake.config.json and export ${envName}`,
  );
}

function optionalText(settings: DriverConfig, name: string): string | null {
  const value = settings[name];
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') throw new ConfigError(`publish.${name} must be text`);
  return value;
}

function positiveInteger(settings: DriverConfig, name: string, fallback: number): number {
  const value = settings[name];
  if (value === undefined || value === null || value === '') return fallback;
  const number = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || number < 1) {
    throw new ConfigError(`publish.${name} must be a positive whole number, got ${JSON.stringify(value)}`);
  }
  return number;
}
