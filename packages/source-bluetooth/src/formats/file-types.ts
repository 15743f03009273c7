// The three AWAM file types (bluetooth.md §1, §3.3): their names in the lake, their columns in
// file order, which columns are times and which are numbers.

export type BluetoothFileType = 'unmatched' | 'matched' | 'traf_match_summary';

/** In the order the original lists them (and ingests a day's files). */
export const FILE_TYPES: readonly BluetoothFileType[] = ['unmatched', 'matched', 'traf_match_summary'];

export const COLUMNS: Readonly<Record<BluetoothFileType, readonly string[]>> = {
  unmatched: ['host_timestamp', 'ip_address', 'field_timestamp', 'reader_id', 'dev_addr'],
  matched: ['dev_addr', 'origin_reader_id', 'dest_reader_id', 'start_time', 'end_time', 'travel_time_secs', 'speed', 'match_validity', 'filter_id'],
  traf_match_summary: [
    'origin_reader_id', 'dest_reader_id', 'origin_road', 'origin_cross_st', 'origin_dir', 'dest_road', 'dest_cross_st',
    'dest_dir', 'seg_length', 'timestamp', 'avg_travel_time', 'avg_speed', 'interval', 'samples', 'std_dev',
  ],
};

/** Time columns and their AWAM text format: long `M/D/YYYY h:mm:ss AM`, short without seconds. */
export const TIME_COLUMNS: Readonly<Record<BluetoothFileType, Readonly<Record<string, 'long' | 'short'>>>> = {
  unmatched: { host_timestamp: 'long', field_timestamp: 'long' },
  matched: { start_time: 'long', end_time: 'long' },
  traf_match_summary: { timestamp: 'short' },
};

/**
 * Columns written as JSON numbers in the standardized layer (the documented format shows numbers;
 * the original kept every value as text). A value that is not a number becomes null and is counted.
 */
export const NUMBER_COLUMNS: Readonly<Record<BluetoothFileType, readonly string[]>> = {
  unmatched: [],
  matched: ['travel_time_secs', 'speed', 'filter_id'],
  traf_match_summary: ['seg_length', 'avg_travel_time', 'avg_speed', 'interval', 'samples', 'std_dev'],
};

/** Socrata datasets of the original (overridable in config: sources.bt.datasets). */
export const DEFAULT_DATASETS: Readonly<Record<BluetoothFileType, string>> = {
  unmatched: 'qnpj-zrb9',
  matched: 'x44q-icha',
  traf_match_summary: 'v7zg-5jg9',
};

/** `unmatched.json` / `matched.txt` → the file type; anything else → null. */
export function fileTypeOfExt(ext: string): BluetoothFileType | null {
  const type = ext.slice(0, ext.indexOf('.') === -1 ? ext.length : ext.indexOf('.'));
  return (FILE_TYPES as readonly string[]).includes(type) && ext.includes('.') ? (type as BluetoothFileType) : null;
}

/** Header of a standardized (and ready) file, keys in the original's order. */
export interface BluetoothHeader {
  data_type: 'bluetooth';
  file_type: BluetoothFileType;
  origin_filename: string;
  target_filename: string;
  collection_date: string;
  processing_date: string;
}

/** One standardized record: column → text, number, or null; `null` holds extra fields. */
export type BluetoothRecord = Record<string, string | number | null | string[]>;

export interface StandardizedFile {
  header: BluetoothHeader;
  data: BluetoothRecord[];
}

export interface ReadyFile extends StandardizedFile {
  devices: Record<string, unknown>[];
}
