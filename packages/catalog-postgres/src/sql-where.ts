// A WHERE clause built condition by condition, with its $n parameters numbered as they come.
import type { SqlParam } from './postgres-database';

/** The marker that turns a base or ext into a pattern; it matches any text (core.md §6.3). */
export const PATTERN_MARKER = '%%';

export class SqlWhere {
  readonly conditions: string[] = [];
  readonly params: SqlParam[] = [];

  /** Adds a value and returns its placeholder. */
  param(value: SqlParam): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  /** `condition` with `?` standing for each value, in order. */
  add(condition: string, ...values: SqlParam[]): this {
    let index = 0;
    this.conditions.push(condition.replace(/\?/g, () => this.param(values[index++])));
    return this;
  }

  /**
   * Exact match, or — when the value holds `%%` — LIKE where each `%%` matches any text and every
   * other character, `_` and a lone `%` included, matches itself (`unit_data.json` must not
   * match `unitXdata.json`). LIKE is case-sensitive in PostgreSQL, like the original.
   */
  text(column: string, value: string | null | undefined): this {
    if (value === null || value === undefined) return this;
    if (!value.includes(PATTERN_MARKER)) return this.add(`${column} = ?`, value);
    return this.add(`${column} LIKE ? ESCAPE '\\'`, likePattern(value));
  }

  /** The clause for a statement, with a leading WHERE when there is anything. */
  sql(extra: string[] = []): string {
    const all = [...this.conditions, ...extra];
    return all.length ? `WHERE ${all.join(' AND ')}` : '';
  }

  /** A copy to extend for one page, leaving the base query as it was. */
  copy(): SqlWhere {
    const copy = new SqlWhere();
    copy.conditions.push(...this.conditions);
    copy.params.push(...this.params);
    return copy;
  }
}

export function likePattern(value: string): string {
  return value
    .split(PATTERN_MARKER)
    .map((literal) => literal.replace(/[\\%_]/g, (special) => `\\${special}`))
    .join('%');
}
