export type PublishRow = Record<string, unknown>;

export interface PublishResult {
  created: number;
  updated: number;
  deleted: number;
}

/** Where public rows go: a Socrata dataset, a CSV file, … */
export interface PublishDriver {
  /** Rows per request this driver prefers (Socrata: 10 000). */
  readonly preferredChunk: number;
  /** Upsert rows into a dataset; throws when the service reports any error. */
  write(dataset: string, rows: PublishRow[]): Promise<PublishResult>;
  /** Delete rows by their row identifier column. */
  delete(dataset: string, idColumn: string, ids: string[]): Promise<PublishResult>;
  close(): Promise<void>;
}
