import { DEFAULT_GRIDSMART_SETTINGS } from '../gridsmart-settings';
import { gridsmartDevice } from '../test-support/gs-lake';
import { matchDevice, type MatchSettings, type SiteIdentity, type UnitDevice } from './device-match';
import { distanceFeet } from './gps-distance';

const settings: MatchSettings = DEFAULT_GRIDSMART_SETTINGS;

function site(overrides: Partial<SiteIdentity> = {}): SiteIdentity {
  return { street1: 'Lamar', street2: 'Koenig', latitude: 30.35, longitude: -97.73, netAddr: '10.0.0.7', ...overrides };
}

/** Devices no name or IP of the tests matches, far from the site unless placed. */
function elsewhere(overrides: Record<string, unknown> = {}): UnitDevice {
  return gridsmartDevice({ atd_device_id: 1, device_ip: '10.9.9.9', atd_location_id: 'LOC-ELSEWHERE', primary_st: 'BURNET RD', cross_st: 'RICHCREEK RD', lat: 30.36, lon: -97.74, ...overrides });
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const member of Object.values(value)) deepFreeze(member);
    Object.freeze(value);
  }
  return value;
}

describe('matchDevice (gridsmart.md §4.1)', () => {
  it('matches the site streets to the Knack streets by fuzzy ratio', () => {
    const devices = [elsewhere(), gridsmartDevice({ atd_device_id: 2 })];
    const { match } = matchDevice(site({ netAddr: null }), devices, settings);
    // "lamar koenig" / "lamar blvd koenig ln" = 0.75 ≥ 0.7
    expect(match).toMatchObject({ method: 'name', score: 0.75, device: { atd_device_id: 2, reversed: false } });
  });

  it('says reversed when the site names Knack cross street first, and that order scores higher', () => {
    const { match } = matchDevice(site({ street1: 'Koenig', street2: 'Lamar' }), [gridsmartDevice()], settings);
    // "koenig lamar": 0.5 against "lamar blvd koenig ln", 0.75 against "koenig ln lamar blvd"
    expect(match).toMatchObject({ method: 'name', score: 0.75, device: { primary_st: 'LAMAR BLVD', reversed: true } });
  });

  it('takes the first candidate when two score the same', () => {
    const devices = [gridsmartDevice({ atd_device_id: 10 }), gridsmartDevice({ atd_device_id: 11 })];
    expect(matchDevice(site(), devices, settings).match?.device.atd_device_id).toBe(10);
  });

  it('returns a copy with reversed and never changes the unit data', () => {
    const devices = deepFreeze([gridsmartDevice({ cross_st: null }), gridsmartDevice({ atd_device_id: 2, primary_st: 'KOENIG LN', cross_st: 'LAMAR BLVD' })]);
    const { match } = matchDevice(site(), devices, settings);
    expect(match?.device).toMatchObject({ atd_device_id: 2, reversed: true });
    expect(match?.device).not.toBe(devices[1]);
    expect(devices[1]).not.toHaveProperty('reversed');
    expect(devices[0].cross_st).toBeNull();
  });

  it('reads a null cross street as empty and skips streets Knack wrote as "nan"', () => {
    const loose = { ...settings, minMatchRatio: 0.5 };
    // "lamar koenig" / "lamar blvd " = 0.5217…: the device without cross street is a candidate
    const nullCross = matchDevice(site({ netAddr: null }), [gridsmartDevice({ cross_st: null })], loose);
    expect(nullCross.match).toMatchObject({ score: 0.5217391304347826, device: { cross_st: null, reversed: false } });
    const nanCross = matchDevice(site({ netAddr: null }), [gridsmartDevice({ cross_st: 'nan' })], loose);
    expect(nanCross.match).toBeNull();
  });

  it('uses knackLookups first: the device of the mapped location, even when the names differ', () => {
    const barton = gridsmartDevice({ atd_device_id: 7, atd_location_id: 'LOC16-004315', primary_st: 'CAPITAL OF TEXAS HWY', cross_st: 'BARTON CREEK BLVD' });
    const { match, notes } = matchDevice(site({ street1: 'Loop 360', street2: 'Barton Creek' }), [elsewhere(), barton], settings);
    expect(match).toMatchObject({ method: 'lookup', device: { atd_device_id: 7, reversed: false } });
    expect(notes[0].text).toContain("matched 'Loop 360_Barton Creek' by knackLookups to location LOC16-004315");
  });

  it('falls back to the name match with a warning when the looked-up location has no device (fixes §8.12)', () => {
    const lookups = { ...settings, knackLookups: { Lamar_Koenig: 'LOC-GONE' } };
    const { match, notes } = matchDevice(site(), [gridsmartDevice()], lookups);
    expect(match).toMatchObject({ method: 'name', device: { atd_device_id: 6548 } });
    expect(notes).toContainEqual({ level: 'warn', text: "knackLookups maps 'Lamar_Koenig' to location LOC-GONE, which no unit-data device has; matching by name instead" });
  });

  it('rescues a failed name match with a street synonym (Loop 360 → CAPITAL OF TEXAS HWY)', () => {
    const walsh = gridsmartDevice({ atd_device_id: 5, primary_st: 'CAPITAL OF TEXAS HWY', cross_st: 'WALSH TARLTON LN' });
    const { match } = matchDevice(site({ street1: 'Loop 360', street2: 'Walsh Tarlton', netAddr: null }), [walsh], settings);
    // 0.576… as named; "capital of texas hwy walsh tarlton" scores 0.957…
    expect(match).toMatchObject({ method: 'synonym', score: 0.9577464788732394, device: { atd_device_id: 5 } });
  });

  it("tries every synonym of a street: Loop 1's second name MOPAC matches where MOPAC EXPY SVRD does not", () => {
    const farWest = gridsmartDevice({ atd_device_id: 6, primary_st: 'MOPAC', cross_st: 'FAR WEST BLVD' });
    // as named 0.647…, as "mopac expy svrd far west" 0.651…, as "mopac far west" 0.848…
    const { match } = matchDevice(site({ street1: 'Loop 1', street2: 'Far West', netAddr: null }), [farWest], settings);
    expect(match).toMatchObject({ method: 'synonym', score: 0.8484848484848485, device: { atd_device_id: 6 } });
    const upstreamOnly = { ...settings, streetSynonyms: { 'Loop 1': ['MOPAC EXPY SVRD'] } };
    expect(matchDevice(site({ street1: 'Loop 1', street2: 'Far West', netAddr: null }), [farWest], upstreamOnly).match).toBeNull();
  });

  it('falls back to the device with the site header IP when no name matches', () => {
    const devices = [elsewhere(), elsewhere({ atd_device_id: 3, device_ip: '10.0.0.7' })];
    const { match } = matchDevice(site({ street1: 'Somewhere', street2: 'Else' }), devices, settings);
    expect(match).toMatchObject({ method: 'ip', device: { atd_device_id: 3, reversed: false } });
  });

  it('then to the nearest GPS position under 300 feet, skipping devices without coordinates', () => {
    const devices = [elsewhere({ atd_device_id: 20, lat: null, lon: null }), elsewhere({ atd_device_id: 21, lat: Number.NaN }), elsewhere({ atd_device_id: 22, lat: 30.3505, lon: -97.73 }), elsewhere({ atd_device_id: 23 })];
    const { match, notes } = matchDevice(site({ street1: 'Somewhere', street2: 'Else', netAddr: '10.1.1.1' }), devices, settings);
    expect(match).toMatchObject({ method: 'gps', device: { atd_device_id: 22, reversed: false } });
    expect(match?.distanceFeet).toBeCloseTo(182.406, 3);
    expect(notes.at(-1)?.text).toBe("matched at 182 feet to the nearest GPS position: 'BURNET RD/RICHCREEK RD'");
  });

  it('matches nothing when the nearest device is 300 feet or more away', () => {
    const devices = [elsewhere({ lat: 30.3509, lon: -97.73 })];
    const { match, notes } = matchDevice(site({ street1: 'Somewhere', street2: 'Else', netAddr: '10.1.1.1' }), devices, settings);
    expect(match).toBeNull();
    expect(notes.at(-1)?.text).toContain('is 328 feet away, not within 300');
    expect(matchDevice(site({ street1: 'Somewhere', street2: 'Else', netAddr: '10.1.1.1' }), devices, { ...settings, maxDistanceFeet: 400 }).match?.method).toBe('gps');
  });

  it('matches nothing by GPS when the site has no coordinates', () => {
    const devices = [elsewhere({ lat: 30.35, lon: -97.73 })];
    expect(matchDevice(site({ street1: 'Somewhere', street2: 'Else', netAddr: '10.1.1.1', latitude: null }), devices, settings).match).toBeNull();
  });

  it('tries neither IP nor GPS when the site header has no device_net_addr', () => {
    const devices = [elsewhere({ device_ip: '10.0.0.7', lat: 30.35, lon: -97.73 })];
    const { match, notes } = matchDevice(site({ street1: 'Somewhere', street2: 'Else', netAddr: null }), devices, settings);
    expect(match).toBeNull();
    // Python: max ratio of "somewhere else" against "burnet rd richcreek rd" and its reverse
    expect(notes).toEqual([{ level: 'warn', text: "no unit-data device could be discerned by name for 'Somewhere_Else' (best ratio 0.2777777777777778)" }]);
  });
});

describe('distanceFeet (upstream gps_h.gps2feet)', () => {
  it('is the haversine distance on a 6 371 km Earth, in feet through 0.000621371 miles per meter', () => {
    // Python: gps2feet(30.35, -97.73, 30.3505, -97.73) = 182.40631929668297
    expect(distanceFeet(30.35, -97.73, 30.3505, -97.73)).toBeCloseTo(182.40631929668297, 9);
    expect(distanceFeet(30.35, -97.73, 30.36, -97.74)).toBeCloseTo(4818.586850018806, 8);
    expect(distanceFeet(30.35, -97.73, 30.35, -97.73)).toBe(0);
  });
});
