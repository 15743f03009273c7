// What a purge did (or, simulating, would do), per public catalog row and in total. Dates are in
// the lake's text form so the summary prints and serializes as it is (`--json`).

/** The rows of one catalog row in one dataset. */
export interface PurgedDataset {
  /** The dataset rows are deleted from (after the --debug mapping). */
  dataset: string;
  idColumn: string;
  /** Row ids computed (sent for deletion, or that would have been). */
  ids: number;
  /** The first few ids, to compare with the dataset by hand. */
  firstIds: string[];
  /** Rows the dataset reported deleted (0 when simulating). */
  deleted: number;
}

/** One `public` catalog row in the range. */
export interface PurgedItem {
  label: string;
  repository: string;
  base: string;
  ext: string;
  collectionDate: string;
  /** Where the catalog row says the rows went. */
  pointer: string;
  /** The ready file the ids were computed from (null when it was not found). */
  source: string | null;
  datasets: PurgedDataset[];
  /** True once all its rows were deleted and the row itself removed. */
  catalogRowRemoved: boolean;
  error: { code: string; message: string } | null;
}

export interface PurgeSummary {
  dataSource: string;
  stage: string;
  /** The public repository whose rows were looked at (debug name with --debug). */
  repository: string;
  start: string;
  end: string;
  /** The --dataset limit, if any. */
  dataset: string | null;
  simulate: boolean;
  items: PurgedItem[];
  /** Row ids computed over all items. */
  ids: number;
  rowsDeleted: number;
  catalogRowsRemoved: number;
  failures: { label: string; date: string; code: string; message: string }[];
}
