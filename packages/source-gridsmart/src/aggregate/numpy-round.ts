// Upstream rounded the aggregates with pandas' `.round(3)`, i.e. numpy: multiply by 10^decimals in
// double, round half to even, divide back (gridsmart.md §5.5). The products carry the binary
// error of the input, so 2.0005 → 2000.5000000000002 → 2.001 while 1.2345 → 1.234: copying the
// arithmetic (not "rounding the decimal text") is what keeps published values bit-identical.

/** numpy.round(value, decimals); NaN and ±Infinity pass through. */
export function numpyRound(value: number, decimals = 3): number {
  if (!Number.isFinite(value)) return value;
  const scale = 10 ** decimals;
  return roundHalfToEven(value * scale) / scale;
}

/** numpy.rint: the nearest integer, ties to the even one. */
export function roundHalfToEven(value: number): number {
  const floor = Math.floor(value);
  const fraction = value - floor; // exact: both are doubles of the same magnitude
  if (fraction < 0.5) return floor;
  if (fraction > 0.5) return floor + 1;
  return floor % 2 === 0 ? floor : floor + 1;
}
