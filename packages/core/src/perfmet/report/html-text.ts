// Text and numbers as they go into the HTML page: everything from the data (sensor names come
// from source files and the network) is escaped, in text and in attribute values alike.

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (character) => ESCAPES[character]);
}

/**
 * JSON that can sit inside `<script type="application/json">`: `<` is written as \u003c so no
 * value can close the element (`</script>`) or open a comment; U+2028/2029 as escapes too.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

const INTEGER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const DECIMAL = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1, minimumFractionDigits: 1 });
const COMPACT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** 12,345 */
export function formatCount(value: number): string {
  return INTEGER.format(value);
}

/** 12.3 */
export function formatSeconds(value: number): string {
  return DECIMAL.format(value);
}

/** Up to 2 decimals, grouped; `–` for null. */
export function formatValue(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : COMPACT.format(value);
}

/** +23.4 % / −12.0 %; `–` for null. */
export function formatDeviation(deviation: number | null): string {
  if (deviation === null) return '–';
  const sign = deviation > 0 ? '+' : deviation < 0 ? '−' : '';
  return `${sign}${DECIMAL.format(Math.abs(deviation) * 100)} %`;
}
