// What the compare loop reads: providers list what exists at a source or a target.

/** One thing that exists (a file, a catalog row, a day in a database). */
export interface ProviderItem<Payload = unknown> {
  base: string;
  ext: string;
  /** Collection date (inclusive start). */
  date: Date;
  /** Exclusive end; null means one calendar day after `date`. */
  dateEnd: Date | null;
  /** What to show a person: a path, a pointer, a file name. */
  label: string;
  payload: Payload;
}

/** The date window a run works on (core.md §3.3). */
export interface DateRange {
  /** Lower bound: the start date, else the last-run date. */
  start: Date | null;
  /** Exclusive upper bound. */
  end: Date | null;
  /** The last-run date, when given (sets `priorLastUpdate`). */
  lastRun: Date | null;
  /** start == end: only items dated exactly at that instant. */
  exact: boolean;
}

export interface Provider<Payload = unknown> {
  /** Items in ascending date order (within a date, the provider's own order). */
  items(range: DateRange): AsyncIterable<ProviderItem<Payload>>;
}

/** How the compare loop matches a source item to what the target has. */
export type KeyMode = 'base' | 'base+ext';

/** A source item the target lacks (or that is forced). */
export interface WorkItem<Payload = unknown> {
  source: ProviderItem<Payload>;
  base: string;
  ext: string;
  date: Date;
  label: string;
  /** True when no last-run date was given or the item is older than it. */
  priorLastUpdate: boolean;
  /** True when the target already had it and `--force` made it run anyway. */
  forced: boolean;
}
