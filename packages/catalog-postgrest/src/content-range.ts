// PostgREST's `Content-Range` header: `0-999/*` (rows 0 to 999, total unknown), `0-999/5000`
// (with `Prefer: count=exact`), `*/0` or `*/*` (an empty page), `*/12` (rows a write touched).

export interface ContentRange {
  /** First and last row of the page; null for an empty page. */
  first: number | null;
  last: number | null;
  /** Rows the filters match in all; null when the server did not count. */
  total: number | null;
}

const CONTENT_RANGE = /^\s*(?:[a-z]+\s+)?(?:(\d+)-(\d+)|\*)\/(\d+|\*)\s*$/i;

/** Null when the header is missing or unreadable (the caller then relies on the page length). */
export function parseContentRange(header: string | null | undefined): ContentRange | null {
  if (!header) return null;
  const match = CONTENT_RANGE.exec(header);
  if (!match) return null;
  const [, first, last, total] = match;
  return {
    first: first === undefined ? null : Number(first),
    last: last === undefined ? null : Number(last),
    total: total === '*' ? null : Number(total),
  };
}
