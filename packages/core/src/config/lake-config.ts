// The shape of lake.config.json. Every part is optional: no config at all runs the embedded
// default (local files, SQLite catalog and perfmet, CSV publishing) under $LAKE_HOME.
import type { ScheduleConfig } from '../schedule/schedule-config';

/** Which driver serves a seam, plus that driver's own settings. */
export interface DriverConfig {
  driver: string;
  [setting: string]: unknown;
}

/** Repository names of one purpose, production and debug (core.md §1.1). */
export interface RepositoryNames {
  production: string;
  debug: string;
}

export interface LakeConfig {
  /** IANA zone for day boundaries (default America/Chicago). */
  timeZone?: string;
  /** Root of the embedded default (default $LAKE_HOME or ./lake-data). */
  home?: string;
  /** Prefix of lake file names and unit-data files (default Austin). */
  areaBase?: string;
  repositories?: Record<string, RepositoryNames>;
  storage?: DriverConfig;
  catalog?: DriverConfig;
  perfmet?: DriverConfig;
  publish?: DriverConfig;
  /** One driver for every source, or per data source code: { "bt": {...}, "wt": {...} }. */
  unitData?: DriverConfig | Record<string, DriverConfig>;
  /** Per data source settings owned by the source plugin (dataset ids, device lists, …). */
  sources?: Record<string, Record<string, unknown>>;
  /** Work items processed at once by a stage (default 1: in date order). */
  concurrency?: number;
  /** The nightly runs `lake schedule export` writes out (default: the original deployment's). */
  schedule?: ScheduleConfig;
}

export type Purpose = 'raw' | 'standardized' | 'ready' | 'public' | (string & {});

export const DEFAULT_REPOSITORIES: Record<string, RepositoryNames> = {
  raw: { production: 'atd-datalake-raw', debug: 'atd-datalake-raw-test' },
  standardized: { production: 'atd-datalake-rawjson', debug: 'atd-datalake-rawjson-test' },
  ready: { production: 'atd-datalake-ready', debug: 'atd-datalake-ready-test' },
  public: { production: 'socrata', debug: 'socrata-test' },
};

/** Data-flow order of the purposes, used to run stages in order. */
export const PURPOSE_ORDER: readonly string[] = ['raw', 'standardized', 'ready', 'public'];
