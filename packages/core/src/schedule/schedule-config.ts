// The `schedule` section of lake.config.json, and the default it overrides: the nightly order and
// times of the original Austin deployment (docs/appendix_deployconf.md, as quoted in
// bluetooth.md §1, wavetronix.md, gridsmart.md and core.md §3.3).

/** What `lake schedule export` can write. */
export const SCHEDULE_FORMATS = ['crontab', 'airflow', 'k8s'] as const;
export type ScheduleFormat = (typeof SCHEDULE_FORMATS)[number];

/** One scheduled lake command; every field overrides the default entry of the same id. */
export interface ScheduleEntryConfig {
  /** lake command id (default: the entry's id), e.g. `bt:insert`. */
  command?: string;
  /** Wall time `HH:MM` in the schedule's zone, or a 5-field cron expression. */
  at?: string;
  /** Arguments after the command id; replace the default ones. */
  args?: string[];
  /** Must run on a host inside the city network (reaches devices, the MS SQL database or a share). */
  cityNetwork?: boolean;
  /** false leaves the entry out (default true). */
  enabled?: boolean;
}

export interface ScheduleKubernetesConfig {
  namespace?: string;
  /** A ConfigMap holding `lake.config.json`, mounted at /etc/lake and passed as --config. */
  configMap?: string;
  /** A Secret whose keys become environment variables (for `${env:NAME}` in the config). */
  envSecret?: string;
  /** Node labels a city-network job must run on (default `lake/city-network: "true"`). */
  cityNetworkNodeSelector?: Record<string, string>;
}

export interface ScheduleAirflowConfig {
  /** DAG id (default `lake_nightly`). */
  dagId?: string;
  /** Celery queue of the workers inside the city network (default `city-network`). */
  cityNetworkQueue?: string;
  /** The DAG's owner (default `lake`). */
  owner?: string;
}

export interface ScheduleConfig {
  /** IANA zone the times are wall times of (default: the lake's timeZone). */
  timeZone?: string;
  /** Container image of the Kubernetes jobs. */
  image?: string;
  /** The lake executable (default `lake`; cron's PATH is short, so an absolute path is safer). */
  lakeBin?: string;
  /** lake.config.json where the jobs run, passed as --config (default: lake's own lookup). */
  configPath?: string;
  /** Retries of a failed run (default 2). */
  retries?: number;
  /** Minutes between retries (default 10; Airflow only, Kubernetes backs off on its own). */
  retryDelayMinutes?: number;
  /** false starts from an empty schedule instead of the original deployment's (default true). */
  useDefaults?: boolean;
  /** Entries by id: a default's id overrides it, a new id adds an entry. */
  entries?: Record<string, ScheduleEntryConfig>;
  kubernetes?: ScheduleKubernetesConfig;
  airflow?: ScheduleAirflowConfig;
}

/** A default entry: what the original deployment ran, and why where it is not obvious. */
export interface DefaultScheduleEntry {
  id: string;
  at: string;
  args: readonly string[];
  cityNetwork: boolean;
  description: string;
}

// Ingest looks back 60 days (so a device or share that was down catches up), later stages 30.
const INGEST_ARGS = ['-r', '0', '-s', '60'] as const;
const LATER_ARGS = ['-r', '0', '-s', '30'] as const;

/**
 * The original deployment's nightly runs. Its Knack perf-metric feeder (09:30, perfmet.md §6) has
 * no lake command — lake keeps perfmet in its own store — so it has no entry. The original passed
 * `-d <share>` to the Bluetooth ingest; lake reads that folder from `sources.bt.sourcedir`.
 */
export const DEFAULT_SCHEDULE_ENTRIES: readonly DefaultScheduleEntry[] = [
  { id: 'bt:insert', at: '00:30', args: INGEST_ARGS, cityNetwork: true, description: 'Bluetooth ingest: AWAM files from the network share → raw' },
  { id: 'wt:insert', at: '01:00', args: INGEST_ARGS, cityNetwork: true, description: 'Wavetronix ingest: the counts MS SQL database → raw' },
  { id: 'gs:insert', at: '01:30', args: INGEST_ARGS, cityNetwork: true, description: 'GRIDSMART ingest: day archives from the devices → raw' },
  { id: 'bt:standard', at: '03:00', args: LATER_ARGS, cityNetwork: false, description: 'Bluetooth raw → standardized' },
  { id: 'wt:standard', at: '03:30', args: LATER_ARGS, cityNetwork: false, description: 'Wavetronix raw → standardized' },
  { id: 'gs:standard', at: '04:00', args: LATER_ARGS, cityNetwork: false, description: 'GRIDSMART raw → standardized' },
  { id: 'bt:ready', at: '05:00', args: LATER_ARGS, cityNetwork: false, description: 'Bluetooth standardized → ready' },
  { id: 'gs:ready', at: '05:30', args: LATER_ARGS, cityNetwork: false, description: 'GRIDSMART standardized → ready' },
  { id: 'gs:ready-agg', at: '06:00', args: LATER_ARGS, cityNetwork: false, description: 'GRIDSMART ready → 15-minute aggregates' },
  { id: 'wt:ready', at: '06:30', args: LATER_ARGS, cityNetwork: false, description: 'Wavetronix standardized → ready' },
  { id: 'bt:publish', at: '07:00', args: LATER_ARGS, cityNetwork: false, description: 'Bluetooth ready → open-data portal' },
  { id: 'wt:publish', at: '07:30', args: LATER_ARGS, cityNetwork: false, description: 'Wavetronix ready → open-data portal' },
  { id: 'gs:publish', at: '08:30', args: LATER_ARGS, cityNetwork: false, description: 'GRIDSMART aggregates → open-data portal' },
];

export const DEFAULT_LAKE_BIN = 'lake';
export const DEFAULT_SCHEDULE_RETRIES = 2;
export const DEFAULT_RETRY_DELAY_MINUTES = 10;
export const DEFAULT_AIRFLOW_DAG_ID = 'lake_nightly';
export const DEFAULT_CITY_NETWORK_QUEUE = 'city-network';
export const DEFAULT_CITY_NETWORK_NODE_SELECTOR: Readonly<Record<string, string>> = { 'lake/city-network': 'true' };
/** Where a Kubernetes job mounts `kubernetes.configMap`. */
export const KUBERNETES_CONFIG_DIR = '/etc/lake';
