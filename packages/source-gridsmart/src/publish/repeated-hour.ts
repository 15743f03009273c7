// On the fall-back day the wall clock runs through 01:00–02:00 twice. Both passes have the same
// read_date, hence (upstream) the same record_id, and the second overwrote the first (§8.15).
// The lake's policy, the same as Wavetronix's row_id: the FIRST pass (daylight time, −05:00 in
// Chicago) also hashes its offset; every other id stays upstream's.
import type { LakeTime } from '@lake/core';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** The offset text (`-05:00`) when the instant is the first pass through a repeated wall time, else ''. */
export function firstPassOffset(instant: Date, time: LakeTime): string {
  const offsetNow = time.offsetMinutes(instant);
  const offsetLater = time.offsetMinutes(new Date(instant.getTime() + DAY_MS));
  if (offsetNow <= offsetLater) return '';
  // The same wall time read with the later (smaller) offset: a second pass exists when it shows it.
  const secondPass = new Date(instant.getTime() + (offsetNow - offsetLater) * MINUTE_MS);
  if (time.formatWall(secondPass) !== time.formatWall(instant)) return '';
  return time.format(instant).slice(-6);
}
