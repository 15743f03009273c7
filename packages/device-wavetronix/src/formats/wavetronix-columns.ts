// The columns of a Wavetronix day (wavetronix.md §1.6, §2.2), the same in the raw CSV and in the
// standardized JSON records, and the shapes of the files of each layer.

/** Raw CSV header and standardized record keys, in the original's order. */
export const WAVETRONIX_COLUMNS = [
  'detID',
  'intID',
  'curDateTime',
  'intName',
  'detName',
  'volume',
  'occupancy',
  'speed',
  'status',
  'uploadSuccess',
  'detCountComparison',
  'dailyCumulative',
] as const;

export type WavetronixColumn = (typeof WAVETRONIX_COLUMNS)[number];

/** Columns that are integers in the standardized layer (decimal text in the CSV). */
export const INTEGER_COLUMNS: ReadonlySet<WavetronixColumn> = new Set([
  'detID',
  'intID',
  'volume',
  'occupancy',
  'speed',
  'uploadSuccess',
  'detCountComparison',
  'dailyCumulative',
]);

/** One standardized record: integers or null, the time in the original's text form, texts as-is. */
export interface WavetronixRecord {
  detID: number | null;
  intID: number | null;
  curDateTime: string | null;
  intName: string | null;
  detName: string | null;
  volume: number | null;
  occupancy: number | null;
  speed: number | null;
  status: string | null;
  uploadSuccess: number | null;
  detCountComparison: number | null;
  dailyCumulative: number | null;
}

/** A ready record: the standardized one plus the device it was joined to. */
export type WavetronixReadyRecord = WavetronixRecord & { device_id: string };

/** Header of standardized and ready files (no `file_type`, unlike Bluetooth). */
export interface WavetronixHeader {
  data_type: 'wavetronix';
  origin_filename: string;
  target_filename: string;
  collection_date: string;
  processing_date: string;
}

/** Lake ext of each layer: one file per day, `Austin_wt_YYYY-MM-DD.<ext>`. */
export const RAW_EXT = 'csv';
export const JSON_EXT = 'json';

/** Socrata "Radar Traffic Counts" (publishing.md §2). */
export const DEFAULT_DATASET = 'i626-g7ub';
export const ROW_ID_COLUMN = 'row_id';

/** Perfmet observation type written by wt:standard (perfmet.md §5). */
export const VEHICLE_COUNTS = 'Vehicle Counts';
