// Python's `difflib.SequenceMatcher(None, a, b).ratio()`, bit for bit (gridsmart.md §4.2): the
// street-name match compares these scores with a threshold and picks the first highest, so a
// score that differs in the last bit could pick another device than upstream did.
//
// The "popular element" heuristic (autojunk) is implemented rather than asserted away: it is a few
// lines, and it keeps the port exact for any input, including a site or Knack name of 200 or more
// characters. There is no junk predicate (upstream passes `None`), so nothing is ever junk.

/** Python's default: b elements occurring more than 1% (+1) of len(b) are "popular" once len(b) ≥ 200. */
const AUTOJUNK_MIN_LENGTH = 200;

export interface MatchingBlock {
  /** Start in a. */
  a: number;
  /** Start in b. */
  b: number;
  size: number;
}

/** 2·M / (len(a) + len(b)), M the total size of the matching blocks; 1 when both are empty. */
export function sequenceRatio(a: string, b: string): number {
  const first = codePoints(a);
  const second = codePoints(b);
  const matches = matchingBlocks(first, second).reduce((sum, block) => sum + block.size, 0);
  const length = first.length + second.length;
  return length === 0 ? 1 : (2 * matches) / length;
}

/**
 * difflib's matching blocks of two sequences (without the final zero-size sentinel), in order.
 * Python strings are sequences of code points, hence `codePoints` for strings.
 */
export function matchingBlocks(a: readonly string[], b: readonly string[]): MatchingBlock[] {
  const b2j = indexOfB(b);
  const blocks: MatchingBlock[] = [];
  // The same explicit stack as difflib: the order regions are searched in does not change M,
  // but the block found in each region does depend on the region, so keep difflib's recursion.
  const queue: [number, number, number, number][] = [[0, a.length, 0, b.length]];
  while (queue.length > 0) {
    const [alo, ahi, blo, bhi] = queue.pop()!;
    const block = longestMatch(a, b, b2j, alo, ahi, blo, bhi);
    if (block.size === 0) continue;
    blocks.push(block);
    if (alo < block.a && blo < block.b) queue.push([alo, block.a, blo, block.b]);
    if (block.a + block.size < ahi && block.b + block.size < bhi) queue.push([block.a + block.size, ahi, block.b + block.size, bhi]);
  }
  return blocks.sort((x, y) => x.a - y.a || x.b - y.b);
}

/** A string as Python sees it: one element per code point (not per UTF-16 unit). */
export function codePoints(text: string): string[] {
  return Array.from(text);
}

/** difflib's `b2j`: where each element occurs in b, minus the popular elements of a long b. */
function indexOfB(b: readonly string[]): Map<string, number[]> {
  const b2j = new Map<string, number[]>();
  b.forEach((element, index) => {
    const indexes = b2j.get(element);
    if (indexes) indexes.push(index);
    else b2j.set(element, [index]);
  });
  if (b.length >= AUTOJUNK_MIN_LENGTH) {
    const limit = Math.floor(b.length / 100) + 1;
    for (const [element, indexes] of [...b2j]) if (indexes.length > limit) b2j.delete(element);
  }
  return b2j;
}

/**
 * difflib's `find_longest_match`: the longest block of a[alo:ahi] equal to a block of b[blo:bhi]
 * built from indexed elements, earliest in a, then earliest in b, on ties; then grown over equal
 * neighbours (the popular elements the index left out). With no junk, difflib's second pair of
 * growing loops (junk neighbours) never moves, so it is left out.
 */
function longestMatch(a: readonly string[], b: readonly string[], b2j: Map<string, number[]>, alo: number, ahi: number, blo: number, bhi: number): MatchingBlock {
  let bestA = alo;
  let bestB = blo;
  let bestSize = 0;
  // Length of the match ending at a[i-1] and b[j], by j.
  let lengthEndingAt = new Map<number, number>();
  for (let i = alo; i < ahi; i++) {
    const next = new Map<number, number>();
    for (const j of b2j.get(a[i]) ?? []) {
      if (j < blo) continue;
      if (j >= bhi) break;
      const size = (lengthEndingAt.get(j - 1) ?? 0) + 1;
      next.set(j, size);
      if (size > bestSize) {
        bestA = i - size + 1;
        bestB = j - size + 1;
        bestSize = size;
      }
    }
    lengthEndingAt = next;
  }
  while (bestA > alo && bestB > blo && a[bestA - 1] === b[bestB - 1]) {
    bestA--;
    bestB--;
    bestSize++;
  }
  while (bestA + bestSize < ahi && bestB + bestSize < bhi && a[bestA + bestSize] === b[bestB + bestSize]) bestSize++;
  return { a: bestA, b: bestB, size: bestSize };
}
