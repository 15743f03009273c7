// Which Knack unit-data device a GRIDSMART site is (gridsmart.md §4.1): the site names its streets
// its own way (`Lamar` / `Koenig`), Knack another (`LAMAR BLVD` / `KOENIG LN`), in either order.
// Stages, each only when the one before found nothing: 0 explicit lookup, 1 fuzzy names,
// 2 fuzzy names with street synonyms, 3 the device's IP, 4 the nearest GPS position.
//
// Pure: the unit data are never changed (upstream wrote `reversed` and `""` into its cached
// devices, so one base's flag leaked into the next, §8.12); the match is a copy.
import type { GridsmartSettings } from '../gridsmart-settings';
import { distanceFeet } from './gps-distance';
import { sequenceRatio } from './sequence-matcher';

export type UnitDevice = Record<string, unknown>;

/** The matched device as the ready file embeds it: the unit-data row plus `reversed`. */
export type MatchedDevice = UnitDevice & { reversed: boolean };

export type MatchSettings = Pick<GridsmartSettings, 'knackLookups' | 'streetSynonyms' | 'minMatchRatio' | 'maxDistanceFeet'>;

/** What the site says about where it is. */
export interface SiteIdentity {
  /** `Location.Street1`, trimmed. */
  street1: string;
  street2: string;
  /** `Location.Latitude` / `Longitude` as found (number, numeric text, null…). */
  latitude: unknown;
  longitude: unknown;
  /** Site file header `device_net_addr`, or null when absent. */
  netAddr: string | null;
}

export type MatchMethod = 'lookup' | 'name' | 'synonym' | 'ip' | 'gps';

export interface DeviceMatch {
  device: MatchedDevice;
  method: MatchMethod;
  /** The fuzzy score for `name` / `synonym`. */
  score: number | null;
  /** The distance for `gps`. */
  distanceFeet: number | null;
}

export interface MatchNote {
  level: 'info' | 'warn';
  text: string;
}

export interface DeviceMatchResult {
  match: DeviceMatch | null;
  /** What the match did, to log (the function itself logs nothing). */
  notes: MatchNote[];
}

/** One side of the fuzzy comparison: a device's streets in one order. */
interface Candidate {
  text: string;
  /** True when Knack's cross street is the site's Street1. */
  reversed: boolean;
  device: UnitDevice;
}

interface FuzzyWinner {
  candidate: Candidate;
  score: number;
  test: string;
}

export function matchDevice(site: SiteIdentity, devices: readonly UnitDevice[], settings: MatchSettings): DeviceMatchResult {
  const notes: MatchNote[] = [];
  const lookupKey = `${site.street1}_${site.street2}`;
  const locationId = Object.prototype.hasOwnProperty.call(settings.knackLookups, lookupKey) ? settings.knackLookups[lookupKey] : undefined;
  if (locationId !== undefined) {
    const device = devices.find((candidate) => candidate.atd_location_id === locationId);
    if (device) {
      notes.push({ level: 'info', text: `matched '${lookupKey}' by knackLookups to location ${locationId}: ${streetsOf(device)}` });
      return { match: { device: { ...device, reversed: false }, method: 'lookup', score: null, distanceFeet: null }, notes };
    }
    // Upstream stopped here with no device; the names may still match (§8.12).
    notes.push({ level: 'warn', text: `knackLookups maps '${lookupKey}' to location ${locationId}, which no unit-data device has; matching by name instead` });
  }

  const candidates = fuzzyCandidates(devices);
  const test = `${site.street1} ${site.street2}`.toLowerCase();
  let winner = fuzzyWinner(candidates, [test]);
  let method: MatchMethod = 'name';
  if (!accepted(winner, settings)) {
    const alternatives = synonymTests(site, settings.streetSynonyms).filter((text) => text !== test);
    const synonymWinner = fuzzyWinner(candidates, alternatives);
    if (synonymWinner && (!winner || synonymWinner.score > winner.score)) {
      winner = synonymWinner;
      method = 'synonym';
    }
  }
  if (winner !== null && accepted(winner, settings)) {
    const { candidate, score } = winner;
    notes.push({ level: 'info', text: `matched '${winner.test}' to ${streetsOf(candidate.device)} (ratio ${score}${candidate.reversed ? ', streets reversed' : ''})` });
    return { match: { device: { ...candidate.device, reversed: candidate.reversed }, method, score, distanceFeet: null }, notes };
  }

  notes.push({ level: 'warn', text: `no unit-data device could be discerned by name for '${lookupKey}' (best ratio ${winner?.score ?? 0})` });
  if (site.netAddr === null) return { match: null, notes };
  const byAddress = devices.find((device) => device.device_ip === site.netAddr);
  if (byAddress) {
    notes.push({ level: 'info', text: `matched IP address ${site.netAddr}: ${streetsOf(byAddress)}` });
    return { match: { device: { ...byAddress, reversed: false }, method: 'ip', score: null, distanceFeet: null }, notes };
  }
  notes.push({ level: 'warn', text: `no unit-data device has IP address ${site.netAddr}` });
  const nearest = nearestDevice(site, devices);
  if (nearest && nearest.distanceFeet < settings.maxDistanceFeet) {
    notes.push({ level: 'info', text: `matched at ${Math.floor(nearest.distanceFeet)} feet to the nearest GPS position: ${streetsOf(nearest.device)}` });
    return { match: { device: { ...nearest.device, reversed: false }, method: 'gps', score: null, distanceFeet: nearest.distanceFeet }, notes };
  }
  notes.push({
    level: 'warn',
    text: nearest
      ? `the nearest unit-data device (${streetsOf(nearest.device)}) is ${Math.floor(nearest.distanceFeet)} feet away, not within ${settings.maxDistanceFeet}; no device matched`
      : 'no GPS position to compare (site or devices without coordinates); no device matched',
  });
  return { match: null, notes };
}

function accepted(winner: FuzzyWinner | null, settings: MatchSettings): boolean {
  return winner !== null && winner.score >= settings.minMatchRatio;
}

/** Two candidates per device with both streets known (`"nan"` is Knack's missing value). */
function fuzzyCandidates(devices: readonly UnitDevice[]): Candidate[] {
  const candidates: Candidate[] = [];
  for (const device of devices) {
    const primary = streetText(device.primary_st);
    const cross = streetText(device.cross_st);
    if (primary === 'nan' || cross === 'nan') continue;
    candidates.push({ text: `${primary.trim()} ${cross.trim()}`.toLowerCase(), reversed: false, device });
    candidates.push({ text: `${cross.trim()} ${primary.trim()}`.toLowerCase(), reversed: true, device });
  }
  return candidates;
}

/** The first candidate with the strictly highest ratio over all tests (upstream started at 0). */
function fuzzyWinner(candidates: readonly Candidate[], tests: readonly string[]): FuzzyWinner | null {
  let winner: FuzzyWinner | null = null;
  for (const test of tests) {
    for (const candidate of candidates) {
      const score = sequenceRatio(test, candidate.text);
      if (score > (winner?.score ?? 0)) winner = { candidate, score, test };
    }
  }
  return winner;
}

/**
 * The site's streets with synonyms (whole, case-sensitive names), every combination; upstream's
 * single attempt (each street replaced by its first synonym) comes first.
 */
function synonymTests(site: SiteIdentity, synonyms: Record<string, string[]>): string[] {
  const namesOf = (street: string) => {
    const configured: unknown = Object.prototype.hasOwnProperty.call(synonyms, street) ? synonyms[street] : [];
    // A hand-written config may give one name instead of a list.
    const alternatives = Array.isArray(configured) ? configured.map(String) : typeof configured === 'string' ? [configured] : [];
    return [...alternatives, street];
  };
  const tests: string[] = [];
  for (const street1 of namesOf(site.street1)) {
    for (const street2 of namesOf(site.street2)) tests.push(`${street1} ${street2}`.toLowerCase());
  }
  return [...new Set(tests)];
}

function nearestDevice(site: SiteIdentity, devices: readonly UnitDevice[]): { device: UnitDevice; distanceFeet: number } | null {
  const latitude = coordinate(site.latitude);
  const longitude = coordinate(site.longitude);
  if (latitude === null || longitude === null) return null;
  let nearest: { device: UnitDevice; distanceFeet: number } | null = null;
  for (const device of devices) {
    const lat = coordinate(device.lat);
    const lon = coordinate(device.lon);
    // Upstream let a NaN coordinate poison the minimum; a device without a position is skipped.
    if (lat === null || lon === null) continue;
    const feet = distanceFeet(latitude, longitude, lat, lon);
    if (nearest === null || feet < nearest.distanceFeet) nearest = { device, distanceFeet: feet };
  }
  return nearest;
}

/** A finite coordinate from a number or numeric text (upstream called float()), else null. */
function coordinate(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : null;
  }
  return null;
}

/** A Knack street as text: missing is `""` (upstream's substitution, without writing it back). */
function streetText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : String(value);
}

function streetsOf(device: UnitDevice): string {
  return `'${streetText(device.primary_st)}/${streetText(device.cross_st)}'`;
}
