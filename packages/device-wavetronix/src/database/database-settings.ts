// `sources.wt.database` in lake.config.json: where the KITS database is and how to log in. The
// password comes from the environment (`"password": "${env:KITS_DB_PASSWORD}"`) and never
// appears in a message.
import type * as mssql from 'mssql';
import { ConfigError } from '@lake/core';
import { KITS_DETECTOR_TABLE, KITS_HISTORY_TABLE, type KitsTables } from './kits-query';

export interface KitsDatabaseSettings {
  server: string;
  port?: number;
  user?: string;
  password?: string;
  /** Initial database (the queries name `KITSDB` themselves; upstream's template lacked it, W-10). */
  database?: string;
  /** Driver options (tedious): `encrypt`, `trustServerCertificate`, `instanceName`, … */
  options?: Record<string, unknown>;
  /** Milliseconds to wait for a connection (default 15 000). */
  connectionTimeout?: number;
  /** Milliseconds a query may run (default 300 000: a day's rows take a while). */
  requestTimeout?: number;
  /** Table names, when not the original's `KITSDB.KITS.SYSDETHISTORYRM` / `KITSDB.KITS.DETECTORSRM`. */
  historyTable?: string;
  detectorTable?: string;
}

export const DEFAULT_CONNECTION_TIMEOUT_MS = 15_000;
export const DEFAULT_REQUEST_TIMEOUT_MS = 300_000;

const HINT =
  'set sources.wt.database in lake.config.json: {"server": "…", "user": "…", "password": "${env:KITS_DB_PASSWORD}", "database": "KITSDB"} ' +
  '(or a URL "mssql://user:password@server:1433/KITSDB"); or import exported day CSVs with --sourcedir DIR';
// A table name may be qualified by schema and database; nothing else may reach the SQL text.
const TABLE_NAME = /^(?:(?:[A-Za-z_][\w$#@]*|\[[^\]]+\])\.){0,2}(?:[A-Za-z_][\w$#@]*|\[[^\]]+\])$/;

export class KitsDatabaseNotConfigured extends ConfigError {
  constructor() {
    super('the Wavetronix source has no database configured (sources.wt.database)', HINT);
  }
}

/** Validates the configured value: an object as above, or an `mssql://` URL. */
export function readDatabaseSettings(value: unknown): KitsDatabaseSettings {
  if (value === undefined || value === null || value === '') throw new KitsDatabaseNotConfigured();
  if (typeof value === 'string') return databaseSettingsFromUrl(value);
  if (typeof value !== 'object' || Array.isArray(value)) throw new ConfigError('sources.wt.database must be an object or an mssql:// URL', HINT);
  const settings = value as Record<string, unknown>;
  if (typeof settings.server !== 'string' || settings.server === '') throw new ConfigError('sources.wt.database.server must name the SQL Server host', HINT);
  for (const key of ['user', 'password', 'database', 'historyTable', 'detectorTable'] as const) {
    if (settings[key] !== undefined && typeof settings[key] !== 'string') throw new ConfigError(`sources.wt.database.${key} must be text`, HINT);
  }
  for (const key of ['port', 'connectionTimeout', 'requestTimeout'] as const) {
    const number = settings[key];
    if (number !== undefined && (typeof number !== 'number' || !Number.isInteger(number) || number < 0)) {
      throw new ConfigError(`sources.wt.database.${key} must be a whole number`, HINT);
    }
  }
  if (settings.options !== undefined && (typeof settings.options !== 'object' || settings.options === null || Array.isArray(settings.options))) {
    throw new ConfigError('sources.wt.database.options must be an object of driver options', HINT);
  }
  for (const key of ['historyTable', 'detectorTable'] as const) {
    const name = settings[key];
    if (typeof name === 'string' && !TABLE_NAME.test(name)) throw new ConfigError(`sources.wt.database.${key} is not a table name: ${name}`);
  }
  return settings as unknown as KitsDatabaseSettings;
}

/** `mssql://user:password@server:port/database?encrypt=false&trustServerCertificate=true`. */
export function databaseSettingsFromUrl(text: string): KitsDatabaseSettings {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigError('sources.wt.database is not a valid mssql:// URL', HINT);
  }
  if (url.protocol !== 'mssql:' && url.protocol !== 'sqlserver:') throw new ConfigError(`sources.wt.database URL must start with mssql://, not ${url.protocol}//`, HINT);
  const options: Record<string, unknown> = {};
  const settings: KitsDatabaseSettings = { server: decodeURIComponent(url.hostname), options };
  if (url.port) settings.port = Number(url.port);
  if (url.username) settings.user = decodeURIComponent(url.username);
  if (url.password) settings.password = decodeURIComponent(url.password);
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (database) settings.database = database;
  for (const [key, value] of url.searchParams) {
    if (key === 'connectionTimeout' || key === 'requestTimeout') settings[key] = Number(value);
    else if (key === 'historyTable' || key === 'detectorTable') settings[key] = value;
    else options[key] = value === 'true' ? true : value === 'false' ? false : value;
  }
  return readDatabaseSettings(settings);
}

/** What the driver is given. `useUTC` is forced: the wall-time texts depend on it. */
export function mssqlConfig(settings: KitsDatabaseSettings): mssql.config {
  return {
    server: settings.server,
    port: settings.port,
    user: settings.user,
    password: settings.password,
    database: settings.database,
    connectionTimeout: settings.connectionTimeout ?? DEFAULT_CONNECTION_TIMEOUT_MS,
    requestTimeout: settings.requestTimeout ?? DEFAULT_REQUEST_TIMEOUT_MS,
    options: { ...settings.options, useUTC: true } as mssql.config['options'],
  };
}

export function kitsTables(settings: KitsDatabaseSettings): KitsTables {
  return { history: settings.historyTable ?? KITS_HISTORY_TABLE, detectors: settings.detectorTable ?? KITS_DETECTOR_TABLE };
}

/** `server:port/database` for messages (never the user's password). */
export function databaseLabel(settings: KitsDatabaseSettings): string {
  const port = settings.port ? `:${settings.port}` : '';
  return `${settings.server}${port}/${settings.database ?? '(default database)'}`;
}
