// Reading a `postgrest` driver block of lake.config.json: where the tables are, the JWT, and how
// the HTTP client pages and retries. Every mistake is a ConfigError naming the key.
import { ConfigError, type DriverConfig } from '@lake/core';

/** What every PostgREST table client needs besides its URL. */
export interface PostgrestConnection {
  /** JWT sent as `Authorization: Bearer`; writes need it, reads send it when it is set. */
  token?: string;
  /** Rows asked for per request; keep it at or below the server's `max-rows`. */
  pageSize: number;
  /** Ask for `Prefer: count=exact` so every page says how many rows match. */
  exactCount: boolean;
  timeoutMs?: number;
  attempts?: number;
  backoffMs?: number;
}

export const DEFAULT_PAGE_SIZE = 1000;

/** The connection settings shared by the catalog and perfmet blocks. */
export function connectionSettings(settings: DriverConfig, block: string): PostgrestConnection {
  const token = optionalText(settings, 'token', block);
  return {
    token: token === '' ? undefined : token,
    pageSize: positiveInteger(settings, 'pageSize', block) ?? DEFAULT_PAGE_SIZE,
    exactCount: optionalBoolean(settings, 'exactCount', block) ?? true,
    timeoutMs: positiveInteger(settings, 'timeoutMs', block),
    attempts: positiveInteger(settings, 'attempts', block),
    backoffMs: nonNegativeInteger(settings, 'backoffMs', block),
  };
}

/**
 * The URL of one table: `<urlKey>` as given (`http://host/data_lake_cat_new`), or `baseUrl` plus
 * `<tableKey>` (default `defaultTable`).
 */
export function tableUrl(settings: DriverConfig, block: string, urlKey: string, tableKey: string, defaultTable: string): string {
  const direct = optionalText(settings, urlKey, block);
  const base = optionalText(settings, 'baseUrl', block);
  const table = optionalText(settings, tableKey, block) ?? defaultTable;
  const text = direct ?? (base === undefined ? undefined : `${base.replace(/\/+$/, '')}/${encodeURIComponent(table)}`);
  if (!text) {
    throw new ConfigError(
      `${block}.${urlKey} is required by the postgrest driver`,
      `set ${block}.${urlKey} to the PostgREST URL of the table (e.g. http://host/${defaultTable}), or ${block}.baseUrl (and ${block}.${tableKey})`,
    );
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigError(`${block}.${direct ? urlKey : 'baseUrl'} is not a URL: ${redactUserInfo(text)}`, 'write it as http(s)://host[:port]/path');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(`${block}.${urlKey} must be an http(s) URL`);
  if (url.search) throw new ConfigError(`${block}.${urlKey} must not carry a query string`, 'the driver adds its own filters');
  return url.toString().replace(/\/+$/, '');
}

export function optionalBoolean(settings: DriverConfig, key: string, block: string): boolean | undefined {
  const value = settings[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw new ConfigError(`${block}.${key} must be true or false`);
  return value;
}

function optionalText(settings: DriverConfig, key: string, block: string): string | undefined {
  const value = settings[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new ConfigError(`${block}.${key} must be text`);
  return value.trim();
}

function positiveInteger(settings: DriverConfig, key: string, block: string): number | undefined {
  const value = nonNegativeInteger(settings, key, block);
  if (value === 0) throw new ConfigError(`${block}.${key} must be at least 1`);
  return value;
}

function nonNegativeInteger(settings: DriverConfig, key: string, block: string): number | undefined {
  const value = settings[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new ConfigError(`${block}.${key} must be a whole number`);
  return value;
}

/** A URL's `user:password@` as `***@`, for messages. */
export function redactUserInfo(text: string): string {
  return text.replace(/\/\/[^/@\s]+@/g, '//***@');
}
