// The value rules of unit data (unitdata.md §1.2), with Python's float() as the yardstick for
// what counts as a number.

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** A float, or null when the value is missing, NaN or not a number (`""`, `"n/a"`). */
export function toFloat(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value !== 'string' || !DECIMAL.test(value.trim())) return null;
  const parsed = Number(value.trim());
  return Number.isFinite(parsed) ? parsed : null;
}

/** The integer part of the value read as a float (`"12.9"` → 12), or null like toFloat. */
export function toInt(value: unknown): number | null {
  const parsed = toFloat(value);
  return parsed === null ? null : Math.trunc(parsed) || 0; // `|| 0` avoids writing -0
}

/**
 * Trimmed text; null stays null. A missing value (NaN) is null too, where the original wrote
 * the text "nan" (B-14).
 */
export function trimText(value: unknown): string | null {
  if (value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value))) return null;
  return (typeof value === 'object' ? JSON.stringify(value) : String(value)).trim();
}
