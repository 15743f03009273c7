/** One run of one stage (perfmet.md §2). */
export interface PerfmetJob {
  dataSource: string;
  stage: string;
  seconds: number;
  records: number;
  processingDate: Date;
  collectionStart: Date | null;
  collectionEnd: Date | null;
  /** Items that failed in the run (lake addition; 0 when all went well). */
  failures: number;
}

/** One number per sensor per collection day. */
export interface PerfmetObservation {
  dataSource: string;
  sensorName: string;
  dataType: string;
  data: number | null;
  expected: number | null;
  collectionDate: Date;
  /** Text is kept as written (the original passes raw timestamp strings through). */
  timestampMin: Date | string | null;
  timestampMax: Date | string | null;
}

export interface PerfmetJobQuery {
  dataSource?: string;
  stage?: string;
  /** processingDate ≥ from */
  from?: Date;
  /** processingDate < to */
  to?: Date;
}

export interface PerfmetObservationQuery {
  dataSource?: string;
  dataType?: string;
  /** collectionDate ≥ from */
  from?: Date;
  /** collectionDate < to */
  to?: Date;
}

export interface PerfmetDriver {
  writeJob(job: PerfmetJob): Promise<void>;
  /** Upsert on (collectionDate, dataSource, dataType, sensorName). */
  writeObservations(observations: PerfmetObservation[]): Promise<void>;
  readJobs(query: PerfmetJobQuery): AsyncIterable<PerfmetJob>;
  readObservations(query: PerfmetObservationQuery): AsyncIterable<PerfmetObservation>;
  close(): Promise<void>;
}
