/** Sample inputs a source ships so `lake demo` can show its stages working. */
export interface SampleData {
  dataSource: string;
  /** Writes the sample files into `dir` and returns the stage options that read them. */
  seed(dir: string): Promise<SampleRun>;
}

export interface SampleRun {
  /** First collection day of the sample (YYYY-MM-DD). */
  startDate: string;
  /** Exclusive last day (YYYY-MM-DD). */
  endDate: string;
  /** Extra options per stage name, e.g. { 'bt:insert': { sourcedir } }. */
  stageOptions?: Record<string, Record<string, unknown>>;
  /** Config fragments the sample needs (e.g. a unit-data file driver). */
  config?: Record<string, unknown>;
}
