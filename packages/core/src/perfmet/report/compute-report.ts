// The report's numbers: each stage's status per processing day, and each sensor's observation
// against its expected value with the dead / silent / anomalous flags. Pure functions of the
// gathered rows, so every rule is testable without a lake.
//
// `expected` is the mean of the sensor's observations on the 7 calendar days *before* the day
// judged. The original's dashboard feeder included the day itself (perfmet.md §6 step 4d,
// defect 6), which pulls the expected value toward the very observation it should test.
import { createHash } from 'node:crypto';
import { DATA_SOURCE_NAMES } from '../data-source-names';
import type { GatheredPerfmet, SensorHistory, StageTotals } from './gather-perfmet';
import {
  FLAG_KINDS,
  REPORT_FORMAT,
  REPORT_VERSION,
  STAGE_ORDER,
  type FlaggedSensor,
  type PerfmetReportData,
  type SensorFlag,
  type SensorPoint,
  type SensorReport,
  type SensorStatus,
  type StageDay,
  type StageSeries,
} from './report-data';
import { addCalendarDays, calendarDays } from './report-days';

/** Days of history behind `expected` (the original's SAMPLE_DAYS, perfmet.md §6). */
export const SAMPLE_DAYS = 7;

/** Deviation from expected, in percent, above which a sensor is anomalous. */
export const DEFAULT_THRESHOLD_PERCENT = 50;

export interface ExpectedValue {
  expected: number | null;
  /** Days with a number among the SAMPLE_DAYS before. */
  historyDays: number;
}

/** Mean of the numbers observed on the `sampleDays` calendar days before `day`; nulls are skipped. */
export function expectedValue(byDay: ReadonlyMap<string, number | null>, day: string, sampleDays = SAMPLE_DAYS): ExpectedValue {
  let sum = 0;
  let historyDays = 0;
  for (let back = 1; back <= sampleDays; back++) {
    const value = byDay.get(addCalendarDays(day, -back));
    if (typeof value === 'number' && Number.isFinite(value)) {
      sum += value;
      historyDays++;
    }
  }
  return { expected: historyDays > 0 ? sum / historyDays : null, historyDays };
}

/** (observed − expected) / |expected|; null when there is nothing to compare or expected is 0. */
export function deviationOf(observed: number | null | undefined, expected: number | null): number | null {
  if (observed === null || observed === undefined || expected === null || expected === 0) return null;
  return (observed - expected) / Math.abs(expected);
}

export interface SensorAssessment {
  status: SensorStatus;
  flag: SensorFlag | null;
  expected: number | null;
  historyDays: number;
  lastObservedDay: string | null;
}

/**
 * How a sensor stands on `day` (its data source's latest collection day):
 * * dead — a row on one of the 7 days before, none on `day` (the original uploaded data = −1);
 * * silent — a row on `day` whose number is 0 or null;
 * * anomalous — |observed − expected| / expected above the threshold (or expected 0, observed not);
 * * ok — otherwise, including a sensor without history (nothing to compare with);
 * * inactive — no row on `day` nor on the 7 days before.
 */
export function assessSensor(byDay: ReadonlyMap<string, number | null>, day: string, thresholdPercent = DEFAULT_THRESHOLD_PERCENT): SensorAssessment {
  const { expected, historyDays } = expectedValue(byDay, day);
  const lastObservedDay = lastDayWithRow(byDay, day);
  const base = { expected, historyDays, lastObservedDay };
  const mean = expected === null ? 'no earlier observation to compare with' : `expected ${number(expected)} (mean of ${historyDays} day(s) before)`;

  if (!byDay.has(day)) {
    const seenBefore = lastObservedDay !== null && lastObservedDay >= addCalendarDays(day, -SAMPLE_DAYS);
    if (!seenBefore) return { ...base, status: 'inactive', flag: null };
    const last = byDay.get(lastObservedDay) ?? null;
    const reason = `no observation on ${day}; last observed ${lastObservedDay} (${last === null ? 'null' : number(last)}); ${mean}`;
    return { ...base, status: 'dead', flag: { kind: 'dead', reason, day, observed: null, expected, deviation: null, lastObservedDay } };
  }

  const observed = byDay.get(day) ?? null;
  if (observed === null || observed === 0) {
    const reason = `observation ${observed === null ? 'null' : '0'} on ${day}; ${mean}`;
    const deviation = deviationOf(observed, expected);
    return { ...base, status: 'silent', flag: { kind: 'silent', reason, day, observed, expected, deviation, lastObservedDay } };
  }
  if (expected === null) return { ...base, status: 'ok', flag: null };

  const deviation = deviationOf(observed, expected);
  if (deviation === null) {
    const reason = `observed ${number(observed)} on ${day}, but the ${historyDays} day(s) before averaged 0`;
    return { ...base, status: 'anomalous', flag: { kind: 'anomalous', reason, day, observed, expected, deviation, lastObservedDay } };
  }
  if (Math.abs(deviation) * 100 > thresholdPercent) {
    const direction = deviation > 0 ? 'above' : 'below';
    const reason = `observed ${number(observed)} on ${day}, ${percent(deviation)} ${direction} the ${mean}; threshold ${number(thresholdPercent)} %`;
    return { ...base, status: 'anomalous', flag: { kind: 'anomalous', reason, day, observed, expected, deviation, lastObservedDay } };
  }
  return { ...base, status: 'ok', flag: null };
}

/** Every observation of the window with what it is measured against. */
export function sensorPoints(byDay: ReadonlyMap<string, number | null>, days: readonly string[], thresholdPercent = DEFAULT_THRESHOLD_PERCENT): SensorPoint[] {
  const points: SensorPoint[] = [];
  for (const day of days) {
    if (!byDay.has(day)) continue;
    const data = byDay.get(day) ?? null;
    const { expected, historyDays } = expectedValue(byDay, day);
    const deviation = deviationOf(data, expected);
    const silent = data === null || data === 0;
    const anomalous = expected !== null && (deviation === null ? expected === 0 : Math.abs(deviation) * 100 > thresholdPercent);
    points.push({ day, data, expected, deviation, historyDays, unusual: silent || anomalous });
  }
  return points;
}

/** A stage's day from its runs: failed when any run had failed items, missing when none ran. */
export function stageDay(day: string, totals: { runs: number; records: number; seconds: number; failures: number; failedRuns: number } | undefined): StageDay {
  if (!totals) return { day, status: 'missing', runs: 0, records: 0, seconds: 0, failures: 0 };
  const { runs, records, seconds, failures } = totals;
  return { day, status: totals.failedRuns > 0 ? 'failed' : 'ok', runs, records, seconds, failures };
}

/**
 * One series per data source and stage: the stages its plugins install plus any it ran (a stage
 * installed but never run in the window is missing every day).
 */
export function stageSeries(gathered: Pick<GatheredPerfmet, 'stages' | 'registeredStages' | 'dataSources'>, days: readonly string[]): StageSeries[] {
  const byKey = new Map<string, StageTotals>(gathered.stages.map((totals) => [`${totals.dataSource}\u0000${totals.stage}`, totals]));
  const series: StageSeries[] = [];
  for (const dataSource of [...gathered.dataSources].sort(compareDataSources)) {
    const stages = new Set([...(gathered.registeredStages.get(dataSource) ?? []), ...gathered.stages.filter((totals) => totals.dataSource === dataSource).map((totals) => totals.stage)]);
    for (const stage of [...stages].sort(compareStages)) {
      const totals = byKey.get(`${dataSource}\u0000${stage}`);
      const stageDays = days.map((day) => stageDay(day, totals?.days.get(day)));
      const count = (status: string) => stageDays.filter((entry) => entry.status === status).length;
      series.push({ dataSource, stage, days: stageDays, okDays: count('ok'), failedDays: count('failed'), missingDays: count('missing') });
    }
  }
  return series;
}

export interface BuildReportOptions {
  thresholdPercent?: number;
  /** PyStr of "now". */
  generatedAt: string;
  timeZone: string;
}

export function buildReportData(gathered: GatheredPerfmet, options: BuildReportOptions): PerfmetReportData {
  const thresholdPercent = options.thresholdPercent ?? DEFAULT_THRESHOLD_PERCENT;
  const processingDays = calendarDays(gathered.processing.start, gathered.processing.end);
  const collectionDays = calendarDays(gathered.collection.start, gathered.collection.end);
  const lastCollectionDay = addCalendarDays(gathered.collection.end, -1);

  const sensors = [...gathered.sensors].sort(compareSensors).map((history) => {
    const latestDay = gathered.latestDay.get(history.dataSource) ?? lastCollectionDay;
    const assessment = assessSensor(history.byDay, latestDay, thresholdPercent);
    const report: SensorReport = {
      id: sensorId(history),
      dataSource: history.dataSource,
      dataType: history.dataType,
      sensorName: history.sensorName,
      latestDay,
      status: assessment.status,
      points: sensorPoints(history.byDay, collectionDays, thresholdPercent),
      expected: assessment.expected,
      historyDays: assessment.historyDays,
      lastObservedDay: assessment.lastObservedDay,
      flag: assessment.flag,
    };
    return report;
  });
  // A sensor seen only in the 7 lead-in days before the window says nothing about the window.
  const shown = sensors.filter((sensor) => sensor.points.length > 0 || sensor.flag !== null);

  const flagged: FlaggedSensor[] = [];
  for (const kind of FLAG_KINDS) {
    for (const sensor of shown) {
      if (sensor.flag?.kind !== kind) continue;
      flagged.push({ sensorId: sensor.id, dataSource: sensor.dataSource, dataType: sensor.dataType, sensorName: sensor.sensorName, ...sensor.flag });
    }
  }

  return {
    format: REPORT_FORMAT,
    version: REPORT_VERSION,
    generatedAt: options.generatedAt,
    timeZone: options.timeZone,
    thresholdPercent,
    processing: { start: gathered.processing.start, end: gathered.processing.end, days: processingDays },
    collection: { ...gathered.collection, days: collectionDays },
    stages: stageSeries(gathered, processingDays),
    sensors: shown,
    flagged,
    jobs: {
      total: gathered.jobCount,
      withRange: gathered.jobsWithRange,
      listed: gathered.listedJobs,
      omitted: gathered.jobCount - gathered.listedJobs.length,
    },
  };
}

/** `sensor-<readable part>-<hash>`: stable for the same sensor, unique, safe in an HTML id. */
export function sensorId(sensor: Pick<SensorHistory, 'dataSource' | 'dataType' | 'sensorName'>): string {
  const key = [sensor.dataSource, sensor.dataType, sensor.sensorName].join('\u0000');
  const readable = `${sensor.dataSource}-${sensor.sensorName}`.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40);
  return `sensor-${readable}-${createHash('sha1').update(key).digest('hex').slice(0, 8)}`;
}

function lastDayWithRow(byDay: ReadonlyMap<string, number | null>, onOrBefore: string): string | null {
  let last: string | null = null;
  for (const day of byDay.keys()) if (day <= onOrBefore && (last === null || day > last)) last = day;
  return last;
}

/** The original's sources first, in their usual order, then any other alphabetically. */
export function compareDataSources(a: string, b: string): number {
  const known = Object.values(DATA_SOURCE_NAMES);
  const rank = (name: string) => (known.includes(name) ? known.indexOf(name) : known.length);
  return rank(a) - rank(b) || a.localeCompare(b);
}

/** Data-flow order, then stages lake does not know (e.g. a legacy `Socrata Agg.`) alphabetically. */
export function compareStages(a: string, b: string): number {
  const rank = (name: string) => (STAGE_ORDER.includes(name) ? STAGE_ORDER.indexOf(name) : STAGE_ORDER.length);
  return rank(a) - rank(b) || a.localeCompare(b);
}

function compareSensors(a: SensorHistory, b: SensorHistory): number {
  return compareDataSources(a.dataSource, b.dataSource) || a.dataType.localeCompare(b.dataType) || a.sensorName.localeCompare(b.sensorName);
}

/** A number as people read it in a reason: whole numbers as they are, others to 2 decimals. */
export function number(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(2)));
}

function percent(deviation: number): string {
  return `${(Math.abs(deviation) * 100).toFixed(1)} %`;
}
