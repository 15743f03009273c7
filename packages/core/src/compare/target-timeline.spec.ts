import { type Interval, intervalsOverlap } from './interval';
import { TargetTimeline } from './target-timeline';

// A small deterministic generator so the cross-check is the same on every run.
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

function randomInterval(next: () => number): Interval {
  const start = Math.floor(next() * 100);
  // Mostly ordinary spans, now and then an empty or reversed one from bad data.
  const length = Math.floor(next() * 12) - 2;
  return { start, end: start + length };
}

describe('TargetTimeline', () => {
  it('agrees with checking every target, for sources in date order', () => {
    const next = generator(7);
    for (let round = 0; round < 200; round += 1) {
      const targets = Array.from({ length: 15 }, () => randomInterval(next));
      const sources = Array.from({ length: 20 }, () => randomInterval(next)).sort((a, b) => a.start - b.start);
      const timeline = new TargetTimeline(targets);
      for (const source of sources) {
        expect([source, timeline.overlaps(source)]).toEqual([source, targets.some((target) => intervalsOverlap(source, target))]);
      }
    }
  });

  it('agrees with checking every target, for sources in any order', () => {
    const next = generator(11);
    for (let round = 0; round < 200; round += 1) {
      const targets = Array.from({ length: 10 }, () => randomInterval(next));
      const timeline = new TargetTimeline(targets);
      for (let query = 0; query < 20; query += 1) {
        const source = randomInterval(next);
        expect([source, timeline.overlaps(source)]).toEqual([source, targets.some((target) => intervalsOverlap(source, target))]);
      }
    }
  });

  it('sees a long target that began before an earlier short one', () => {
    const timeline = new TargetTimeline([
      { start: 0, end: 100 },
      { start: 10, end: 11 },
    ]);
    expect(timeline.overlaps({ start: 50, end: 60 })).toBe(true);
    expect(timeline.overlaps({ start: 100, end: 110 })).toBe(false);
  });
});
