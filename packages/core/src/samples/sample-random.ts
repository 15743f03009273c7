// What the shipped sample generators (`lake demo`) share: a seeded generator, so the samples
// never change between runs, and the shape of a day's traffic.

/** A small deterministic generator (LCG): floats in [0, 1), the same for the same seed. */
export function sampleRandom(seed: number): () => number {
  let state = seed;
  return () => {
    // Exact in doubles: state < 2^32 and the multiplier < 2^21 keep the product below 2^53.
    state = (state * 1664525 + 1013904223) % 4294967296;
    return state / 4294967296;
  };
}

/** Share of the peak volume by hour of day: `night` at quiet hours, 1 at the two rush hours (8:00, 17:30). */
export function rushHourShare(hour: number, night: number): number {
  const morning = Math.exp(-((hour - 8) ** 2) / 4);
  const evening = Math.exp(-((hour - 17.5) ** 2) / 5);
  return night + (1 - night) * Math.max(morning, evening);
}
