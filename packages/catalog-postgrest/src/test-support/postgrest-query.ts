// PostgREST's URL grammar, the part the lake drivers use, turned into parameterised SQL:
// `col=[not.]op.value` filters (a top-level value runs to the end of the parameter; repeated keys
// are ANDed), `or=(…)` / `and=(…)` logic trees (a value there ends at `,` or `)` unless it is
// double-quoted, `\` escaping inside quotes), `select`, `order`, `limit`, `offset`.
// Column names are checked against the table, values only ever travel as parameters.
import { quoteIdentifier, type TableShape } from './postgrest-tables';

/** A request PostgREST would refuse, with its error code (PGRST1xx are request errors). */
export class PostgrestRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: string | null = null,
    readonly hint: string | null = null,
  ) {
    super(message);
  }
}

/** Query parameters that are not column filters. */
const RESERVED = new Set(['select', 'order', 'limit', 'offset', 'on_conflict', 'columns', 'or', 'and', 'not.or', 'not.and']);

const COMPARISONS: Record<string, string> = { eq: '=', neq: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=', like: 'LIKE', ilike: 'ILIKE' };
const IS_VALUES: Record<string, string> = { null: 'NULL', true: 'TRUE', false: 'FALSE', unknown: 'UNKNOWN' };

/** Builds SQL from the query string of one request; `params` collects the values in order. */
export class PostgrestQuery {
  readonly params: unknown[] = [];

  constructor(
    private readonly table: TableShape,
    private readonly search: URLSearchParams,
  ) {}

  /** WHERE clause (without the keyword) of every filter and logic tree, or `TRUE`. */
  where(): string {
    const conditions: string[] = [];
    for (const [key, value] of this.search) {
      if (key === 'or' || key === 'and' || key === 'not.or' || key === 'not.and') {
        const negate = key.startsWith('not.');
        const tree = new TreeReader(value);
        conditions.push(this.logic(negate, negate ? key.slice(4) : key, tree.group(), value));
        if (!tree.done()) throw parseError(value, 'unexpected text after the closing parenthesis');
      } else if (!RESERVED.has(key)) {
        conditions.push(this.filter(key, value));
      }
    }
    return conditions.length ? conditions.join(' AND ') : 'TRUE';
  }

  /** Selected columns; `*` or no `select` means every column. */
  columns(): string[] {
    const select = this.search.get('select');
    if (select === null || select.trim() === '*') return this.table.columns;
    return select.split(',').map((name) => this.column(name.trim()));
  }

  orderBy(): string {
    const order = this.search.get('order');
    if (!order) return '';
    const terms = order.split(',').map((term) => {
      const [name, ...modifiers] = term.trim().split('.');
      const parts = [quoteIdentifier(this.column(name))];
      for (const modifier of modifiers) {
        if (modifier === 'asc' || modifier === 'desc') parts.push(modifier.toUpperCase());
        else if (modifier === 'nullsfirst') parts.push('NULLS FIRST');
        else if (modifier === 'nullslast') parts.push('NULLS LAST');
        else throw parseError(`order=${order}`, `unknown order modifier "${modifier}"`);
      }
      return parts.join(' ');
    });
    return `ORDER BY ${terms.join(', ')}`;
  }

  limit(): number | null {
    return this.wholeNumber('limit');
  }

  offset(): number {
    return this.wholeNumber('offset') ?? 0;
  }

  private wholeNumber(name: string): number | null {
    const text = this.search.get(name);
    if (text === null) return null;
    if (!/^\d+$/.test(text)) throw parseError(`${name}=${text}`, 'expected a whole number');
    return Number(text);
  }

  private filter(column: string, expression: string): string {
    const negate = expression.startsWith('not.');
    const rest = negate ? expression.slice(4) : expression;
    const dot = rest.indexOf('.');
    if (dot < 0) throw parseError(`${column}=${expression}`, 'expected operator.value');
    return this.condition(column, rest.slice(0, dot), rest.slice(dot + 1), negate);
  }

  private condition(column: string, operator: string, value: string, negate: boolean): string {
    const target = quoteIdentifier(this.column(column));
    let sql: string;
    if (operator === 'is') {
      const literal = IS_VALUES[value.toLowerCase()];
      if (!literal) throw parseError(`${column}.is.${value}`, 'is accepts null, true, false or unknown');
      sql = `${target} IS ${literal}`;
    } else if (COMPARISONS[operator]) {
      // PostgREST's LIKE pattern: `*` stands for `%` (so URLs need no percent signs).
      const parameter = operator === 'like' || operator === 'ilike' ? value.replace(/\*/g, '%') : value;
      this.params.push(parameter);
      sql = `${target} ${COMPARISONS[operator]} $${this.params.length}`;
    } else {
      throw parseError(`${column}.${operator}.${value}`, `unknown operator "${operator}"`);
    }
    return negate ? `NOT (${sql})` : sql;
  }

  private logic(negate: boolean, operator: string, items: TreeItem[], source: string): string {
    if (operator !== 'or' && operator !== 'and') throw parseError(source, `unknown logic operator "${operator}"`);
    const parts = items.map((item) =>
      item.kind === 'tree' ? this.logic(item.negate, item.operator, item.items, source) : this.condition(item.column, item.operator, item.value, item.negate),
    );
    const joined = `(${parts.join(operator === 'or' ? ' OR ' : ' AND ')})`;
    return negate ? `NOT ${joined}` : joined;
  }

  private column(name: string): string {
    if (!this.table.columns.includes(name)) {
      throw new PostgrestRequestError(400, '42703', `column ${this.table.name}.${name} does not exist`);
    }
    return name;
  }
}

type TreeItem =
  | { kind: 'tree'; negate: boolean; operator: string; items: TreeItem[] }
  | { kind: 'filter'; column: string; operator: string; value: string; negate: boolean };

/** Reads a logic tree `(item,item,…)` where an item is a nested `[not.]and(…)`/`or(…)` or a filter. */
class TreeReader {
  private position = 0;

  constructor(private readonly text: string) {}

  done(): boolean {
    return this.position === this.text.length;
  }

  group(): TreeItem[] {
    this.expect('(');
    const items = [this.item()];
    while (this.peek() === ',') {
      this.position++;
      items.push(this.item());
    }
    this.expect(')');
    return items;
  }

  private item(): TreeItem {
    const nested = /^(not\.)?(and|or)\(/.exec(this.text.slice(this.position));
    if (nested) {
      this.position += nested[0].length - 1;
      return { kind: 'tree', negate: nested[1] !== undefined, operator: nested[2], items: this.group() };
    }
    const column = this.until('.');
    this.expect('.');
    let negate = false;
    if (this.text.startsWith('not.', this.position)) {
      negate = true;
      this.position += 4;
    }
    const operator = this.until('.');
    this.expect('.');
    return { kind: 'filter', column, operator, value: this.value(), negate };
  }

  private value(): string {
    if (this.peek() !== '"') return this.untilAny(',)');
    this.position++;
    let value = '';
    for (;;) {
      const char = this.text[this.position++];
      if (char === undefined) throw parseError(this.text, 'unterminated quoted value');
      if (char === '"') break;
      value += char === '\\' ? (this.text[this.position++] ?? '') : char;
    }
    return value;
  }

  private until(stop: string): string {
    return this.untilAny(stop + ',()');
  }

  private untilAny(stops: string): string {
    const start = this.position;
    while (this.position < this.text.length && !stops.includes(this.text[this.position])) this.position++;
    return this.text.slice(start, this.position);
  }

  private peek(): string | undefined {
    return this.text[this.position];
  }

  private expect(char: string): void {
    if (this.text[this.position] !== char) throw parseError(this.text, `expected "${char}" at position ${this.position + 1}`);
    this.position++;
  }
}

function parseError(text: string, why: string): PostgrestRequestError {
  return new PostgrestRequestError(400, 'PGRST100', `"failed to parse filter (${text})" (line 1, column 1)`, why);
}
