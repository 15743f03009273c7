// Everything upstream hard-coded for GRIDSMART (gridsmart.md §7), as settings: a stage option,
// else `sources.gs.<name>` in lake.config.json, else these defaults.

export interface GridsmartSettings {
  /** Device API port (8902). */
  port: number;
  /** Seconds for site, clock and hardware requests (15) and for the day list. */
  requestTimeoutSeconds: number;
  /** Seconds for one counts ZIP download (upstream had none). */
  downloadTimeoutSeconds: number;
  /** Largest counts ZIP accepted from a device, in MiB. */
  maxZipMiB: number;
  /** Largest unpacked size of one counts ZIP entry, and of all entries read from one ZIP, in MiB (zip-bomb guard). */
  maxUnzippedMiB: number;
  /** Devices polled at once. */
  deviceConcurrency: number;
  /**
   * gs:ready: records of an intersection-day held in memory while sorting it (about 0.5 KB
   * each); the rest go to sorted runs in the run's temp dir.
   */
  sortMemoryRecords: number;
  /** |clock offset| below this many seconds counts as no offset (gridsmart.md §8.4). */
  clockToleranceSeconds: number;
  /** Vehicles this long or longer (feet) are heavy. */
  heavyVehicleFeet: number;
  /** Fuzzy street-name match threshold. */
  minMatchRatio: number;
  /** GPS fallback: the nearest device within this many feet. */
  maxDistanceFeet: number;
  /** `Street1_Street2` → Knack `atd_location_id`. */
  knackLookups: Record<string, string>;
  /** Street name → names Knack may use for it, tried in order. */
  streetSynonyms: Record<string, string[]>;
}

export const DEFAULT_GRIDSMART_SETTINGS: GridsmartSettings = {
  port: 8902,
  requestTimeoutSeconds: 15,
  downloadTimeoutSeconds: 300,
  maxZipMiB: 512,
  maxUnzippedMiB: 2048,
  deviceConcurrency: 4,
  sortMemoryRecords: 8192,
  clockToleranceSeconds: 2,
  heavyVehicleFeet: 17,
  minMatchRatio: 0.7,
  maxDistanceFeet: 300,
  knackLookups: {
    'Loop 360_Barton Creek': 'LOC16-004315',
    'Loop 360_Loop 1 SBFR': 'LOC16-004350',
    'Parmer_Market Dwy': 'LOC16-002565',
  },
  // Upstream's dictionary listed "Loop 1" twice (MOPAC, then MOPAC EXPY SVRD); only the last
  // one took effect. Both are tried here, the effective one first.
  streetSynonyms: {
    'Loop 1': ['MOPAC EXPY SVRD', 'MOPAC'],
    'Loop 360': ['CAPITAL OF TEXAS HWY'],
    'Hancock Mall': ['N IH 35 SVRD SB AT 41ST TRN'],
  },
};

/** Settings of a run: `read(name)` is `ctx.option(name)` (stage option, then config). */
export function gridsmartSettings(read: (name: string) => unknown): GridsmartSettings {
  const settings: Record<string, unknown> = { ...DEFAULT_GRIDSMART_SETTINGS };
  for (const name of Object.keys(DEFAULT_GRIDSMART_SETTINGS)) {
    const value = read(name);
    if (value !== undefined && value !== null) settings[name] = value;
  }
  return settings as unknown as GridsmartSettings;
}
