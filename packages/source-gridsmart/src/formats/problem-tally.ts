// Per-record problems of one file, counted by distinct message and reported once each with the
// first line it happened on (upstream printed each distinct message once with a count).

export interface TalliedProblem {
  message: string;
  count: number;
  firstLine: number;
}

/** Distinct messages kept per file; messages quote values, so a bad column could make one per line. */
const MAX_DISTINCT = 50;
const OTHERS = 'other problems (too many kinds to list)';

export class ProblemTally {
  private readonly problems = new Map<string, TalliedProblem>();

  add(message: string, line: number): void {
    const key = this.problems.has(message) || this.problems.size < MAX_DISTINCT ? message : OTHERS;
    const known = this.problems.get(key);
    if (known) known.count++;
    else this.problems.set(key, { message: key, count: 1, firstLine: line });
  }

  get size(): number {
    return this.problems.size;
  }

  list(): TalliedProblem[] {
    return [...this.problems.values()];
  }

  /** One text per distinct problem: `<file> line 3: <message> (2 records)`. */
  report(fileName: string): string[] {
    return this.list().map((problem) => `${fileName} line ${problem.firstLine}: ${problem.message} (${problem.count} record${problem.count === 1 ? '' : 's'})`);
  }
}
