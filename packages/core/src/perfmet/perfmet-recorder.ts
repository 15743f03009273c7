// Collects one stage run's health data (perfmet.md §3): the job row written at the end of the
// run and the per-sensor observations written whenever the stage flushes them.
import type { Logger } from '../log/logger';
import type { LakeTime } from '../time/lake-time';
import type { PerfmetDriver, PerfmetJob, PerfmetObservation } from './perfmet-driver';

export { DATA_SOURCE_NAMES, dataSourceName } from './data-source-names';

/** What a stage measured for one sensor on one collection day. */
export interface SensorObservation {
  observation: number | null;
  /** Null when written by a stage; the dashboard feeder computes it later. */
  expected?: number | null;
  /** The data day (its local midnight). */
  collectionDate: Date;
  /** Raw timestamp text is written through unchanged, as the original did for BT/WT. */
  minTimestamp?: Date | string | null;
  maxTimestamp?: Date | string | null;
}

export interface PerfmetRecorderOptions {
  driver: PerfmetDriver | null;
  /** Display name, e.g. `Bluetooth` (see dataSourceName). */
  dataSource: string;
  stage: string;
  time: LakeTime;
  /** Compute everything but write nothing (fixes core C-17: --simulate used to write perfmet). */
  simulate?: boolean;
  log: Logger;
}

export class PerfmetRecorder {
  /** When the run started; part of the job row's key. */
  readonly processingDate: Date;
  private collectionStart: Date | null = null;
  private collectionEnd: Date | null = null;
  // Keyed by sensor, type AND day, so a stage may hold several days before a flush
  // (perfmet defect 9: keying by sensor and type alone kept only the last day).
  private readonly observations = new Map<string, PerfmetObservation>();

  constructor(private readonly options: PerfmetRecorderOptions) {
    this.processingDate = options.time.now();
  }

  /** True when rows are really written (a driver is configured and this is not a simulation). */
  get writes(): boolean {
    return this.options.driver !== null && !this.options.simulate;
  }

  /**
   * Widen the run's collection window to include `date`. A date that represents a whole day
   * reaches to the next calendar day's midnight, so the window of a DST day is 23 or 25 hours.
   */
  recordCollect(date: Date, representsDay = true): void {
    const { time } = this.options;
    const end = representsDay ? time.addDays(time.midnight(date), 1) : date;
    if (this.collectionStart === null || date < this.collectionStart) this.collectionStart = date;
    if (this.collectionEnd === null || end > this.collectionEnd) this.collectionEnd = end;
  }

  /** Hold one observation until writeSensorObs; the same sensor, type and day replaces it. */
  recordSensorObs(sensorName: string, dataType: string, measured: SensorObservation): void {
    const key = [sensorName, dataType, measured.collectionDate.getTime()].join('\u0000');
    this.observations.set(key, {
      dataSource: this.options.dataSource,
      sensorName,
      dataType,
      data: measured.observation,
      expected: measured.expected ?? null,
      collectionDate: measured.collectionDate,
      timestampMin: measured.minTimestamp ?? null,
      timestampMax: measured.maxTimestamp ?? null,
    });
  }

  /** The observations waiting for writeSensorObs. */
  pendingObservations(): PerfmetObservation[] {
    return [...this.observations.values()];
  }

  /**
   * Write every held observation in one driver call (none held: no call) and forget them.
   * Returns what was written, or what would have been when not writing.
   */
  async writeSensorObs(): Promise<PerfmetObservation[]> {
    const held = [...this.observations];
    const batch = held.map(([, observation]) => observation);
    if (batch.length === 0) return batch;
    if (this.writes) await this.options.driver!.writeObservations(batch);
    else this.options.log.debug(`perfmet: not writing ${batch.length} observation(s) (${this.reasonNotWriting()})`);
    // Forgotten only once written (a failed write can be retried), and only what was written:
    // items running in parallel may have recorded newer observations during the write.
    for (const [key, observation] of held) if (this.observations.get(key) === observation) this.observations.delete(key);
    return batch;
  }

  /** The job row as it stands now: elapsed seconds since construction and the collection window. */
  job(records = 0, failures = 0): PerfmetJob {
    return {
      dataSource: this.options.dataSource,
      stage: this.options.stage,
      seconds: (this.options.time.now().getTime() - this.processingDate.getTime()) / 1000,
      records,
      processingDate: this.processingDate,
      collectionStart: this.collectionStart,
      collectionEnd: this.collectionEnd,
      failures,
    };
  }

  /** Write the job row (also for 0 records: then the collection window is null). */
  async logJob(records: number, failures = 0): Promise<PerfmetJob> {
    const job = this.job(records, failures);
    if (this.writes) await this.options.driver!.writeJob(job);
    else this.options.log.debug(`perfmet: not writing the ${job.stage} job row (${this.reasonNotWriting()})`);
    return job;
  }

  private reasonNotWriting(): string {
    return this.options.simulate ? 'simulating' : 'no perfmet driver';
  }
}
