/** One work item that failed, and why. */
export interface ItemFailure {
  label: string;
  date: Date;
  message: string;
  code: string;
}

export interface StageResult {
  stage: string;
  /** Sum of what processItem returned. */
  records: number;
  /** Work items the compare loop yielded. */
  items: number;
  failures: ItemFailure[];
  seconds: number;
}
