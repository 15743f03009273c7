// Just enough SoQL for the SODA double: `$where` conditions joined by `and`, each
// `col <op> literal` (=, !=, <>, <, <=, >, >=) or `col between literal and literal`, and
// `$order` as `col [asc|desc], …`. Anything else is refused, so a test cannot pass on a query
// the double silently misread.
export type SodaRow = Record<string, unknown>;

export class UnsupportedSoql extends Error {}

type Token = { kind: 'name' | 'text' | 'number' | 'op'; value: string };

export function compileWhere(where: string | null): (row: SodaRow) => boolean {
  if (where === null || where.trim() === '') return () => true;
  const tokens = tokenize(where);
  const conditions: ((row: SodaRow) => boolean)[] = [];
  let at = 0;
  const next = (): Token => {
    const token = tokens[at++];
    if (!token) throw new UnsupportedSoql(`unexpected end of $where: ${where}`);
    return token;
  };
  const literal = (): string | number => {
    const token = next();
    if (token.kind === 'text') return token.value;
    if (token.kind === 'number') return Number(token.value);
    throw new UnsupportedSoql(`expected a literal, got ${token.value}`);
  };
  while (at < tokens.length) {
    const column = next();
    if (column.kind !== 'name') throw new UnsupportedSoql(`expected a column, got ${column.value}`);
    const operator = next();
    if (operator.kind === 'name' && operator.value.toLowerCase() === 'between') {
      const low = literal();
      expectKeyword(next(), 'and');
      const high = literal();
      conditions.push((row) => compare(row[column.value], low) >= 0 && compare(row[column.value], high) <= 0);
    } else if (operator.kind === 'op') {
      const value = literal();
      const test = OPERATORS[operator.value];
      conditions.push((row) => row[column.value] !== null && row[column.value] !== undefined && test(compare(row[column.value], value)));
    } else {
      throw new UnsupportedSoql(`unsupported operator ${operator.value}`);
    }
    if (at < tokens.length) expectKeyword(next(), 'and');
  }
  return (row) => conditions.every((condition) => condition(row));
}

export function compileOrder(order: string | null): (a: SodaRow, b: SodaRow) => number {
  if (order === null || order.trim() === '') return () => 0;
  const keys = order.split(',').map((part) => {
    const match = /^\s*([a-z_:][a-z0-9_]*)(?:\s+(asc|desc))?\s*$/i.exec(part);
    if (!match) throw new UnsupportedSoql(`unsupported $order: ${order}`);
    return { column: match[1], sign: match[2]?.toLowerCase() === 'desc' ? -1 : 1 };
  });
  return (a, b) => {
    for (const { column, sign } of keys) {
      const result = compare(a[column], b[column]);
      if (result !== 0) return result * sign;
    }
    return 0;
  };
}

const OPERATORS: Record<string, (result: number) => boolean> = {
  '=': (result) => result === 0,
  '!=': (result) => result !== 0,
  '<>': (result) => result !== 0,
  '<': (result) => result < 0,
  '<=': (result) => result <= 0,
  '>': (result) => result > 0,
  '>=': (result) => result >= 0,
};

/** Numbers numerically, everything else as text (floating timestamps sort as text). Nulls first. */
function compare(left: unknown, right: unknown): number {
  if (left === right) return 0;
  if (left === null || left === undefined) return -1;
  if (right === null || right === undefined) return 1;
  const leftNumber = Number(left);
  const rightNumber = Number(right);
  if (typeof left !== 'boolean' && String(left).trim() !== '' && String(right).trim() !== '' && !Number.isNaN(leftNumber) && !Number.isNaN(rightNumber)) {
    return leftNumber - rightNumber;
  }
  const leftText = String(left);
  const rightText = String(right);
  return leftText < rightText ? -1 : leftText > rightText ? 1 : 0;
}

function expectKeyword(token: Token, keyword: string): void {
  if (token.kind !== 'name' || token.value.toLowerCase() !== keyword) throw new UnsupportedSoql(`expected ${keyword}, got ${token.value}`);
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s*(?:'((?:[^']|'')*)'|(-?\d+(?:\.\d+)?)|([a-z_:][a-z0-9_]*)|(>=|<=|!=|<>|=|<|>))/iy;
  let at = 0;
  while (at < text.length) {
    if (/^\s*$/.test(text.slice(at))) break;
    pattern.lastIndex = at;
    const match = pattern.exec(text);
    if (!match) throw new UnsupportedSoql(`cannot read $where at: ${text.slice(at)}`);
    at = pattern.lastIndex;
    if (match[1] !== undefined) tokens.push({ kind: 'text', value: match[1].replace(/''/g, "'") });
    else if (match[2] !== undefined) tokens.push({ kind: 'number', value: match[2] });
    else if (match[3] !== undefined) tokens.push({ kind: 'name', value: match[3] });
    else tokens.push({ kind: 'op', value: match[4] });
  }
  return tokens;
}
