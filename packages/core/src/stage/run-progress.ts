// What a run tells a progress display after each item: counts so far and the bytes it read.

export interface RunProgress {
  stage: string;
  /** Items finished (processed or failed). */
  items: number;
  records: number;
  failures: number;
  /** Bytes read from the lake's repositories. */
  bytesRead: number;
  /** Seconds since the run started. */
  seconds: number;
  /** True on the last call, when the run is over. */
  done: boolean;
}

export type ProgressListener = (progress: RunProgress) => void;
