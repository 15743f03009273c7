// Python's `str(float)`, reproduced because the original system concatenated float text into
// hash inputs (core.md §0.3): a published id only matches if every digit, `.0` and exponent
// is spelled exactly as Python spelled it.

/**
 * The text Python's `str()` gives a float: the shortest round-trip digits (the same digits JS
 * chooses), integral values with `.0`, scientific notation when the decimal exponent is below −4
 * or at least 16 (`1e-05`, `1.5e+16`), and `nan`, `inf`, `-inf`.
 */
export function pythonFloatText(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';

  const sign = x < 0 ? '-' : '';
  const { digits, exponent } = shortestDigits(Math.abs(x));
  if (exponent < -4 || exponent >= 16) return sign + scientific(digits, exponent);
  return sign + positional(digits, exponent);
}

/** Shortest round-trip significant digits and the decimal exponent of the first one. */
function shortestDigits(magnitude: number): { digits: string; exponent: number } {
  // With no argument toExponential already picks the shortest digits that round-trip.
  const [mantissa, exponentText] = magnitude.toExponential().split('e');
  return { digits: mantissa.replace('.', ''), exponent: Number(exponentText) };
}

function scientific(digits: string, exponent: number): string {
  const mantissa = digits.length === 1 ? digits : `${digits[0]}.${digits.slice(1)}`;
  const exponentSign = exponent < 0 ? '-' : '+';
  return `${mantissa}e${exponentSign}${String(Math.abs(exponent)).padStart(2, '0')}`;
}

function positional(digits: string, exponent: number): string {
  if (exponent < 0) return `0.${'0'.repeat(-exponent - 1)}${digits}`;
  const integerDigits = exponent + 1;
  const whole = digits.slice(0, integerDigits).padEnd(integerDigits, '0');
  const fraction = digits.slice(integerDigits);
  return `${whole}.${fraction || '0'}`;
}
