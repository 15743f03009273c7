export type PublishRow = Record<string, unknown>;

export interface PublishResult {
  created: number;
  updated: number;
  deleted: number;
}

export interface PublishWriteOptions {
  /**
   * The column that identifies a row (Socrata's row identifier, e.g. `record_id`): a row whose id
   * the dataset already holds replaces that row, so sending a file's rows again duplicates
   * nothing. Socrata knows it from the dataset's schema; the CSV driver only from here, and
   * without it appends.
   */
  idColumn?: string;
}

/** Where public rows go: a Socrata dataset, a CSV file, … */
export interface PublishDriver {
  /** Rows per request this driver prefers (Socrata: 10 000). */
  readonly preferredChunk: number;
  /** Upsert rows into a dataset; throws when the service reports any error. */
  write(dataset: string, rows: PublishRow[], options?: PublishWriteOptions): Promise<PublishResult>;
  /** Delete rows by their row identifier column. */
  delete(dataset: string, idColumn: string, ids: string[]): Promise<PublishResult>;
  close(): Promise<void>;
}
