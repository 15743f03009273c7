/** The sensor inventory of one data source on one day (unitdata.md). */
export interface UnitDataSnapshot {
  header: UnitDataHeader;
  devices: Record<string, unknown>[];
  /** Some sources carry more lists (e.g. GRIDSMART detectors). */
  [list: string]: unknown;
}

export interface UnitDataHeader {
  data_type: string;
  target_filename: string;
  collection_date: string;
  processing_date: string;
  [key: string]: unknown;
}

/** Fetches the current inventory of a data source (Knack in Austin, a file, …). */
export interface UnitDataDriver {
  fetch(dataSource: string): Promise<UnitDataSnapshot>;
  close(): Promise<void>;
}
