// lake.config.json's `schedule` section + the original deployment's defaults → the checked,
// ordered list of runs every renderer writes out. All config checking happens here, so a renderer
// only formats.
import type { LakeConfig } from '../config/lake-config';
import type { Registry } from '../registry/registry';
import { DEFAULT_TIME_ZONE, InvalidTimeZone, LakeTime } from '../time/lake-time';
import { parseScheduleTime } from './cron-expression';
import { clockChangeEffects, wallTimeText } from './daylight-saving';
import {
  DEFAULT_AIRFLOW_DAG_ID,
  DEFAULT_CITY_NETWORK_NODE_SELECTOR,
  DEFAULT_CITY_NETWORK_QUEUE,
  DEFAULT_LAKE_BIN,
  DEFAULT_RETRY_DELAY_MINUTES,
  DEFAULT_SCHEDULE_ENTRIES,
  DEFAULT_SCHEDULE_RETRIES,
  type ScheduleConfig,
  type ScheduleEntryConfig,
} from './schedule-config';
import { InvalidSchedule, UnknownScheduleCommand } from './schedule-errors';

/** One run of a lake command, ready to be written in any format. */
export interface ScheduleEntry {
  /** Entry id (the key in `schedule.entries`), e.g. `bt:insert`. */
  id: string;
  /** lake command id. */
  command: string;
  /** Data source code (the stage's, else the command's topic): runs of one source are chained. */
  dataSource: string;
  /** `at` as configured. */
  at: string;
  /** 5-field cron expression, wall time in the schedule's zone. */
  cron: string;
  /** Minutes after midnight when the entry runs once a day at a fixed time, else null. */
  minuteOfDay: number | null;
  args: string[];
  cityNetwork: boolean;
  /** What the run does (default entries only). */
  description: string | null;
}

/** A wall time the zone's clock change skips (spring) or repeats (autumn), and who runs then. */
export interface ClockChange {
  kind: 'skipped' | 'repeated';
  /** `HH:MM`. */
  time: string;
  /** Ids of the entries at that time. */
  entries: string[];
}

export interface ResolvedSchedule {
  timeZone: string;
  lakeBin: string;
  configPath: string | null;
  image: string | null;
  retries: number;
  retryDelayMinutes: number;
  /** Enabled entries by time of day (fixed times first), then in config order. */
  entries: ScheduleEntry[];
  /** Ids of the entries left out with `enabled: false`. */
  disabled: string[];
  /** Problems that do not stop the export (e.g. a command of a plugin not installed here). */
  warnings: string[];
  /** Entry times a clock change of the zone skips or repeats (worth a comment in the output). */
  clockChanges: ClockChange[];
  kubernetes: { namespace: string | null; configMap: string | null; envSecret: string | null; cityNetworkNodeSelector: Record<string, string> };
  airflow: { dagId: string; cityNetworkQueue: string; owner: string };
}

export interface ResolveScheduleOptions {
  /** Container image; wins over `schedule.image`. */
  image?: string;
  /** lake executable; wins over `schedule.lakeBin`. */
  lakeBin?: string;
  /** Installed stages: a command of an installed topic that is not among them is an error. */
  registry?: Pick<Registry, 'stages'>;
  /** Other command ids known to be installed (the host passes all of its commands). */
  knownCommands?: readonly string[];
  /** Picks the year whose clock changes are checked (default now). */
  now?: Date;
}

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;
const SCHEDULE_KEYS = ['timeZone', 'image', 'lakeBin', 'configPath', 'retries', 'retryDelayMinutes', 'useDefaults', 'entries', 'kubernetes', 'airflow'];
const ENTRY_KEYS = ['command', 'at', 'args', 'cityNetwork', 'enabled'];
const KUBERNETES_KEYS = ['namespace', 'configMap', 'envSecret', 'cityNetworkNodeSelector'];
const AIRFLOW_KEYS = ['dagId', 'cityNetworkQueue', 'owner'];
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export function resolveSchedule(config: LakeConfig, options: ResolveScheduleOptions = {}): ResolvedSchedule {
  const schedule = objectAt(config.schedule ?? {}, 'schedule', SCHEDULE_KEYS) as ScheduleConfig;
  const timeZone = checkZone(schedule.timeZone === undefined ? config.timeZone ?? DEFAULT_TIME_ZONE : textAt(schedule.timeZone, 'schedule.timeZone'), schedule.timeZone === undefined ? 'timeZone' : 'schedule.timeZone');
  const warnings: string[] = [];
  const entries: ScheduleEntry[] = [];
  const disabled: string[] = [];
  const known = knownCommands(options);

  for (const [id, override, defaults] of mergedEntries(schedule)) {
    const where = `schedule.entries["${id}"]`;
    const command = override.command === undefined ? id : idAt(override.command, `${where}.command`);
    const at = override.at === undefined ? defaults?.at : textAt(override.at, `${where}.at`);
    if (at === undefined) throw new InvalidSchedule(where, 'a new entry needs "at" (HH:MM or a cron expression)');
    const time = parseScheduleTime(at, `${where}.at`);
    const args = override.args === undefined ? [...(defaults?.args ?? [])] : argsAt(override.args, `${where}.args`);
    const cityNetwork = override.cityNetwork === undefined ? defaults?.cityNetwork ?? false : booleanAt(override.cityNetwork, `${where}.cityNetwork`);
    if (override.enabled !== undefined && !booleanAt(override.enabled, `${where}.enabled`)) {
      disabled.push(id);
      continue;
    }
    const warning = checkCommand(command, `${where}.command`, known);
    if (warning) warnings.push(warning);
    const stage = options.registry?.stages().find((candidate) => candidate.name === command);
    entries.push({
      id,
      command,
      dataSource: stage?.dataSource ?? command.split(':')[0],
      at,
      cron: time.cron,
      minuteOfDay: time.minuteOfDay,
      args,
      cityNetwork,
      description: override.command === undefined || override.command === defaults?.id ? defaults?.description ?? null : null,
    });
  }
  if (entries.length === 0) throw new InvalidSchedule('schedule', 'no entry is enabled', 'enable an entry, or add one under schedule.entries');
  // Array.prototype.sort is stable: entries at the same time (or without one) keep config order.
  entries.sort((a, b) => (a.minuteOfDay ?? Infinity) - (b.minuteOfDay ?? Infinity));

  const kubernetes = objectAt(schedule.kubernetes ?? {}, 'schedule.kubernetes', KUBERNETES_KEYS) as NonNullable<ScheduleConfig['kubernetes']>;
  const airflow = objectAt(schedule.airflow ?? {}, 'schedule.airflow', AIRFLOW_KEYS) as NonNullable<ScheduleConfig['airflow']>;
  return {
    timeZone,
    lakeBin: options.lakeBin === undefined ? optionalText(schedule.lakeBin, 'schedule.lakeBin') ?? DEFAULT_LAKE_BIN : textAt(options.lakeBin, '--lake-bin'),
    configPath: optionalText(schedule.configPath, 'schedule.configPath'),
    image: imageOf(options.image, schedule.image),
    retries: countAt(schedule.retries ?? DEFAULT_SCHEDULE_RETRIES, 'schedule.retries', true),
    retryDelayMinutes: countAt(schedule.retryDelayMinutes ?? DEFAULT_RETRY_DELAY_MINUTES, 'schedule.retryDelayMinutes', false),
    entries,
    disabled,
    warnings,
    clockChanges: clockChangesOf(entries, timeZone, options.now ?? new Date()),
    kubernetes: {
      namespace: patternAt(kubernetes.namespace, 'schedule.kubernetes.namespace', DNS_LABEL, 'a Kubernetes namespace is lower-case letters, digits and -'),
      configMap: optionalText(kubernetes.configMap, 'schedule.kubernetes.configMap'),
      envSecret: optionalText(kubernetes.envSecret, 'schedule.kubernetes.envSecret'),
      cityNetworkNodeSelector: labelsAt(kubernetes.cityNetworkNodeSelector, 'schedule.kubernetes.cityNetworkNodeSelector') ?? { ...DEFAULT_CITY_NETWORK_NODE_SELECTOR },
    },
    airflow: {
      dagId: patternAt(airflow.dagId, 'schedule.airflow.dagId', /^[A-Za-z0-9_.-]+$/, 'a DAG id is letters, digits, _, . and -') ?? DEFAULT_AIRFLOW_DAG_ID,
      cityNetworkQueue: optionalText(airflow.cityNetworkQueue, 'schedule.airflow.cityNetworkQueue') ?? DEFAULT_CITY_NETWORK_QUEUE,
      owner: optionalText(airflow.owner, 'schedule.airflow.owner') ?? 'lake',
    },
  };
}

/** The words of an entry's command line: the lake executable, the command, its args, --config. */
export function commandWords(schedule: ResolvedSchedule, entry: ScheduleEntry, configPath = schedule.configPath): string[] {
  return [schedule.lakeBin, ...commandArgs(entry, configPath)];
}

/** The command line after the executable. */
export function commandArgs(entry: ScheduleEntry, configPath: string | null): string[] {
  return [entry.command, ...entry.args, ...(configPath ? ['--config', configPath] : [])];
}

/** Defaults (unless turned off) with their overrides, then the entries the config adds. */
function mergedEntries(schedule: ScheduleConfig): [string, ScheduleEntryConfig, (typeof DEFAULT_SCHEDULE_ENTRIES)[number] | undefined][] {
  const overrides = objectAt(schedule.entries ?? {}, 'schedule.entries') as Record<string, unknown>;
  const useDefaults = schedule.useDefaults === undefined ? true : booleanAt(schedule.useDefaults, 'schedule.useDefaults');
  const defaults = useDefaults ? DEFAULT_SCHEDULE_ENTRIES : [];
  for (const id of Object.keys(overrides)) idAt(id, `schedule.entries["${id}"]`);
  const entryOf = (id: string) => (overrides[id] === undefined ? {} : (objectAt(overrides[id], `schedule.entries["${id}"]`, ENTRY_KEYS) as ScheduleEntryConfig));
  return [
    ...defaults.map((entry) => [entry.id, entryOf(entry.id), entry] as [string, ScheduleEntryConfig, (typeof DEFAULT_SCHEDULE_ENTRIES)[number]]),
    ...Object.keys(overrides)
      .filter((id) => !defaults.some((entry) => entry.id === id))
      .map((id) => [id, entryOf(id), undefined] as [string, ScheduleEntryConfig, undefined]),
  ];
}

function knownCommands(options: ResolveScheduleOptions): Set<string> {
  return new Set([...(options.registry?.stages().map((stage) => stage.name) ?? []), ...(options.knownCommands ?? [])]);
}

/**
 * A command of a topic that is installed here but is not one of its commands is a typo: an
 * error. A command of a topic nothing here provides may come from a plugin installed only where
 * the schedule runs: a warning.
 */
function checkCommand(command: string, where: string, known: Set<string>): string | null {
  if (known.size === 0 || known.has(command)) return null;
  const topic = command.includes(':') ? command.slice(0, command.indexOf(':') + 1) : null;
  const siblings = topic ? [...known].filter((id) => id.startsWith(topic)).sort() : [];
  if (siblings.length > 0) throw new UnknownScheduleCommand(where, command, siblings);
  return `${where}: no installed plugin provides "${command}"; it is exported anyway (install the plugin where the schedule runs)`;
}

/** The fixed times of day a clock change of the zone skips or repeats, with the entries at them. */
function clockChangesOf(entries: ScheduleEntry[], timeZone: string, now: Date): ClockChange[] {
  const fixed = entries.filter((entry) => entry.minuteOfDay !== null);
  const effects = clockChangeEffects(
    fixed.map((entry) => entry.minuteOfDay as number),
    new LakeTime(timeZone),
    now.getUTCFullYear(),
  );
  const changes: ClockChange[] = [];
  for (const kind of ['repeated', 'skipped'] as const) {
    const minutes = new Set(effects.filter((effect) => effect.kind === kind).map((effect) => effect.minuteOfDay));
    for (const minute of [...minutes].sort((a, b) => a - b)) {
      changes.push({ kind, time: wallTimeText(minute), entries: fixed.filter((entry) => entry.minuteOfDay === minute).map((entry) => entry.id) });
    }
  }
  return changes;
}

// --- config checks: each names the config path at fault ---

function objectAt(value: unknown, where: string, keys?: readonly string[]): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InvalidSchedule(where, 'must be an object');
  const unknown = keys ? Object.keys(value).filter((key) => !keys.includes(key)) : [];
  if (unknown.length > 0) throw new InvalidSchedule(where, `unknown setting ${unknown.map((key) => `"${key}"`).join(', ')}`, `known settings: ${keys?.join(', ')}`);
  return value as Record<string, unknown>;
}

function textAt(value: unknown, where: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new InvalidSchedule(where, 'must be a non-empty string');
  return singleLine(value, where);
}

function optionalText(value: unknown, where: string): string | null {
  return value === undefined ? null : textAt(value, where);
}

/** No target can hold a line break in a command (a crontab line ends there). */
function singleLine(value: string, where: string): string {
  if (/[\r\n\0]/.test(value)) throw new InvalidSchedule(where, 'cannot hold a line break or NUL character');
  return value;
}

function idAt(value: unknown, where: string): string {
  const text = textAt(value, where);
  if (!ID_PATTERN.test(text)) throw new InvalidSchedule(where, `"${text}" is not a command id`, 'a command id is letters, digits, :, _, . and -, e.g. "bt:insert"');
  return text;
}

function patternAt(value: unknown, where: string, pattern: RegExp, hint: string): string | null {
  const text = optionalText(value, where);
  if (text !== null && !pattern.test(text)) throw new InvalidSchedule(where, `"${text}" is not valid`, hint);
  return text;
}

function booleanAt(value: unknown, where: string): boolean {
  if (typeof value !== 'boolean') throw new InvalidSchedule(where, 'must be true or false');
  return value;
}

function countAt(value: unknown, where: string, integer: boolean): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (integer && !Number.isInteger(value))) {
    throw new InvalidSchedule(where, `must be a ${integer ? 'whole ' : ''}number ≥ 0`);
  }
  return value;
}

function argsAt(value: unknown, where: string): string[] {
  if (!Array.isArray(value) || value.some((arg) => typeof arg !== 'string')) {
    throw new InvalidSchedule(where, 'must be an array of strings', 'e.g. ["-r", "0", "-s", "60"]');
  }
  return value.map((arg: string, index) => singleLine(arg, `${where}[${index}]`));
}

function labelsAt(value: unknown, where: string): Record<string, string> | null {
  if (value === undefined) return null;
  const labels = objectAt(value, where);
  for (const [key, label] of Object.entries(labels)) if (typeof label !== 'string') throw new InvalidSchedule(`${where}["${key}"]`, 'must be a string');
  return labels as Record<string, string>;
}

function imageOf(fromOptions: string | undefined, fromConfig: unknown): string | null {
  const where = fromOptions === undefined ? 'schedule.image' : '--image';
  const image = fromOptions === undefined ? optionalText(fromConfig, where) : textAt(fromOptions, where);
  if (image !== null && /\s/.test(image)) throw new InvalidSchedule(where, `"${image}" is not a container image reference`, 'e.g. "lake:1.2.0" or "my-registry/lake:1.2.0"');
  return image;
}

function checkZone(zone: unknown, where: string): string {
  const text = textAt(zone, where);
  try {
    new LakeTime(text);
  } catch (error) {
    if (error instanceof InvalidTimeZone) throw new InvalidSchedule(where, error.message, error.hint);
    throw error;
  }
  // Intl takes `america/chicago`; cron and Kubernetes look the name up as a tzdata file name.
  return new Intl.DateTimeFormat('en-US', { timeZone: text }).resolvedOptions().timeZone;
}
