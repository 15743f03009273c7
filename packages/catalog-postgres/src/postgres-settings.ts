// The config block of a `postgres` catalog or perfmet driver, read into what `pg` needs plus a
// description of the server that is safe to print (never the password).
import { ConfigError, type DriverConfig } from '@lake/core';
import type { PoolConfig } from 'pg';

/** Which seam a connection serves: names the error codes and the config key in hints. */
export type PostgresRole = 'catalog' | 'perfmet';

export const DEFAULT_SCHEMA = 'public';
export const DEFAULT_PAGE_SIZE = 1000;
export const DEFAULT_POOL_SIZE = 4;
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

/** `catalog` / `perfmet` in lake.config.json when `driver` is `postgres`. */
export interface PostgresDriverConfig extends DriverConfig {
  driver: 'postgres';
  /** `postgres://user:password@host:port/database?sslmode=…`; `url` is accepted too. */
  connectionString?: string;
  url?: string;
  host?: string;
  port?: number;
  user?: string;
  /** Usually `${env:LAKE_PG_PASSWORD}`. */
  password?: string;
  database?: string;
  /** true, or pg's TLS options (`{ "rejectUnauthorized": false }`, `{ "ca": "…" }`). */
  ssl?: boolean | Record<string, unknown>;
  /** Schema holding the tables (default `public`; the original served `api`). */
  schema?: string;
  /** Catalog table (default `data_lake_cat_new`). */
  table?: string;
  /** Perfmet tables (defaults `etl_perfmet_job`, `etl_perfmet_obs`). */
  jobTable?: string;
  observationTable?: string;
  /** Rows per page when reading. */
  pageSize?: number;
  /** Catalog rows per INSERT statement of one upsert transaction. */
  upsertChunk?: number;
  /** Connections kept open at most. */
  poolSize?: number;
  connectTimeoutMs?: number;
}

export interface PostgresSettings {
  role: PostgresRole;
  pool: PoolConfig;
  schema: string;
  pageSize: number;
  /** `postgres://user@host:port/database`, for messages. */
  server: string;
  /** Texts that must never reach a message (the password). */
  secrets: string[];
  /** The config block, for table names. */
  raw: DriverConfig;
}

export function readPostgresSettings(settings: DriverConfig, role: PostgresRole): PostgresSettings {
  const connectionString = optionalText(settings, 'connectionString', role) ?? optionalText(settings, 'url', role);
  const password = optionalText(settings, 'password', role);
  const pool: PoolConfig = {
    connectionString,
    host: optionalText(settings, 'host', role),
    port: optionalNumber(settings, 'port', role),
    user: optionalText(settings, 'user', role),
    password,
    database: optionalText(settings, 'database', role),
    max: optionalNumber(settings, 'poolSize', role) ?? DEFAULT_POOL_SIZE,
    connectionTimeoutMillis: optionalNumber(settings, 'connectTimeoutMs', role) ?? DEFAULT_CONNECT_TIMEOUT_MS,
    application_name: `lake-${role}`,
  };
  const ssl = settings.ssl;
  if (ssl !== undefined) {
    if (typeof ssl !== 'boolean' && (typeof ssl !== 'object' || ssl === null)) {
      throw new ConfigError(`${role}.ssl must be true, false or an object of TLS options`);
    }
    pool.ssl = ssl as PoolConfig['ssl'];
  }
  if (!connectionString && !pool.host && !process.env.PGHOST) {
    throw new ConfigError(
      `the postgres ${role} driver needs a server`,
      `set ${role}.connectionString (e.g. "\${env:LAKE_PG_URL}") or ${role}.host/port/user/password/database in lake.config.json`,
    );
  }
  const pageSize = optionalNumber(settings, 'pageSize', role) ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new ConfigError(`${role}.pageSize must be a whole number ≥ 1`);
  return {
    role,
    pool,
    schema: optionalText(settings, 'schema', role) ?? DEFAULT_SCHEMA,
    pageSize,
    server: describeServer(pool),
    secrets: [password, passwordInUrl(connectionString)].filter((secret): secret is string => typeof secret === 'string' && secret !== ''),
    raw: settings,
  };
}

/** A table name setting, or its default. */
export function tableSetting(settings: PostgresSettings, name: string, fallback: string): string {
  return optionalText(settings.raw, name, settings.role) ?? fallback;
}

/** Where the pool connects, without the password; what the URL says wins, as in pg. */
function describeServer(pool: PoolConfig): string {
  let fromUrl: URL | null = null;
  try {
    fromUrl = pool.connectionString ? new URL(pool.connectionString) : null;
  } catch {
    fromUrl = null;
  }
  const user = (fromUrl?.username ? decodeURIComponent(fromUrl.username) : undefined) ?? pool.user;
  const host = (fromUrl?.hostname || undefined) ?? pool.host ?? process.env.PGHOST ?? 'localhost';
  const port = (fromUrl?.port ? Number(fromUrl.port) : undefined) ?? pool.port ?? 5432;
  const database = (fromUrl && fromUrl.pathname.length > 1 ? decodeURIComponent(fromUrl.pathname.slice(1)) : undefined) ?? pool.database;
  return `postgres://${user ? `${user}@` : ''}${host}:${port}/${database ?? ''}`;
}

function passwordInUrl(connectionString: string | undefined): string | undefined {
  if (!connectionString) return undefined;
  try {
    const password = new URL(connectionString).password;
    return password ? decodeURIComponent(password) : undefined;
  } catch {
    // An unparsable URL could still hold a password after `:` and before `@`.
    return /:\/\/[^:/@]*:([^@]*)@/.exec(connectionString)?.[1];
  }
}

function optionalText(settings: DriverConfig, name: string, role: PostgresRole): string | undefined {
  const value = settings[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new ConfigError(`${role}.${name} must be text`);
  return value;
}

function optionalNumber(settings: DriverConfig, name: string, role: PostgresRole): number | undefined {
  const value = settings[name];
  if (value === undefined || value === null || value === '') return undefined;
  const number = typeof value === 'string' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number)) throw new ConfigError(`${role}.${name} must be a number`);
  return number;
}
