// How an aggregation row's approach and per-vehicle turn read in "Camera Traffic Counts"
// (gridsmart.md §6.2). Both lookups are case-sensitive, as upstream's dictionaries were.

export const DIRECTIONS: Readonly<Record<string, string>> = {
  Northbound: 'NORTHBOUND',
  Southbound: 'SOUTHBOUND',
  Eastbound: 'EASTBOUND',
  Westbound: 'WESTBOUND',
  Unassigned: 'UNASSIGNED',
};

/** The approach that `--no_unassigned` leaves out. */
export const UNASSIGNED = 'Unassigned';

export const MOVEMENTS: Readonly<Record<string, string>> = {
  S: 'THRU',
  L: 'LEFT TURN',
  R: 'RIGHT TURN',
  U: 'U-TURN',
};

/** The dataset's direction of an approach, or null when it has none. */
export function directionOf(approach: unknown): string | null {
  return typeof approach === 'string' && Object.hasOwn(DIRECTIONS, approach) ? DIRECTIONS[approach] : null;
}

/** The dataset's movement of a turn, or null when it has none (the caller keeps the turn as it is). */
export function movementOf(turn: unknown): string | null {
  return typeof turn === 'string' && Object.hasOwn(MOVEMENTS, turn) ? MOVEMENTS[turn] : null;
}
