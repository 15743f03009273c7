// What the health report shows, as data: computed once, rendered as SVG/HTML and embedded in the
// page as JSON (`<script type="application/json" id="lake-report-data">`) for scripts and tests.
// Days are `YYYY-MM-DD` in the lake's zone; instants are the original's PyStr text.

export const REPORT_FORMAT = 'lake-perfmet-report';
export const REPORT_VERSION = 1;

/** The stages of a data source in the order data flows through them (perfmet.md §5). */
export const STAGE_ORDER: readonly string[] = ['Ingest', 'Standardize', 'Ready', 'Aggregate', 'Publish'];

/** A stage on one processing day: ran cleanly, ran with failed items, or did not run. */
export type StageDayStatus = 'ok' | 'failed' | 'missing';

export interface StageDay {
  day: string;
  status: StageDayStatus;
  runs: number;
  records: number;
  seconds: number;
  /** Failed items over the day's runs. */
  failures: number;
}

export interface StageSeries {
  dataSource: string;
  stage: string;
  /** One entry per processing day of the report, in order. */
  days: StageDay[];
  okDays: number;
  failedDays: number;
  missingDays: number;
}

export type SensorFlagKind = 'dead' | 'silent' | 'anomalous';
export const FLAG_KINDS: readonly SensorFlagKind[] = ['dead', 'silent', 'anomalous'];

/**
 * A sensor's state on its data source's latest collection day: flagged, fine, or `inactive`
 * (nothing that day nor in the 7 days before, so neither dead by the definition nor measurable).
 */
export type SensorStatus = SensorFlagKind | 'ok' | 'inactive';

/** One observation and what it was measured against. */
export interface SensorPoint {
  day: string;
  data: number | null;
  /** Mean of the sensor's observations on the 7 days before `day`; null without any. */
  expected: number | null;
  /** (data − expected) / expected; null when either is missing or expected is 0. */
  deviation: number | null;
  /** Days with a non-null observation behind `expected`. */
  historyDays: number;
  /** True when this day alone would flag the sensor (silent or anomalous). */
  unusual: boolean;
}

export interface SensorFlag {
  kind: SensorFlagKind;
  /** The numbers in words, e.g. `observed 20000 on 2019-11-04, 232.3 % above the expected 6019`. */
  reason: string;
  day: string;
  observed: number | null;
  expected: number | null;
  deviation: number | null;
  /** The last day with an observation (dead sensors: when data stopped). */
  lastObservedDay: string | null;
}

export interface SensorReport {
  /** Stable HTML id, unique in the page. */
  id: string;
  dataSource: string;
  dataType: string;
  sensorName: string;
  /** The day the sensor is judged on: its data source's latest collection day. */
  latestDay: string;
  status: SensorStatus;
  /** Observations on the days of the collection window, in order. */
  points: SensorPoint[];
  /** Expected value and history on `latestDay`, whether or not the sensor reported that day. */
  expected: number | null;
  historyDays: number;
  lastObservedDay: string | null;
  flag: SensorFlag | null;
}

export interface FlaggedSensor extends SensorFlag {
  sensorId: string;
  dataSource: string;
  dataType: string;
  sensorName: string;
}

/** One job's collection range (collection_start → collection_end). */
export interface JobRange {
  dataSource: string;
  stage: string;
  processingDate: string;
  collectionStart: string | null;
  collectionEnd: string | null;
  /** Epoch milliseconds of the range, for the chart; null without a range. */
  startMs: number | null;
  endMs: number | null;
  records: number;
  seconds: number;
  failures: number;
}

/** How the collection window was chosen. */
export type CollectionBasis = 'option' | 'jobs' | 'processing window';

export interface PerfmetReportData {
  format: typeof REPORT_FORMAT;
  version: typeof REPORT_VERSION;
  generatedAt: string;
  timeZone: string;
  thresholdPercent: number;
  /** Jobs are taken by processing date: [start, end). */
  processing: { start: string; end: string; days: string[] };
  /** Observations are taken by collection date: [start, end), plus 7 days before for `expected`. */
  collection: { start: string; end: string; days: string[]; startMs: number; endMs: number; basis: CollectionBasis; clamped: boolean };
  stages: StageSeries[];
  sensors: SensorReport[];
  /** Dead, then silent, then anomalous; by data source, type and name within each. */
  flagged: FlaggedSensor[];
  jobs: { total: number; withRange: number; listed: JobRange[]; omitted: number };
}
