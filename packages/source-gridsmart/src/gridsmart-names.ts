// The names GRIDSMART files and rows carry in the lake (gridsmart.md, "Storage file naming").

export const DATA_SOURCE = 'gs';
/** Raw counts archive of one device and day. */
export const ZIP_EXT = 'zip';
/** Site file (device configuration + clock reading), raw and standardized. */
export const SITE_EXT = 'site.json';
/** Ready counts file of one intersection and day. */
export const COUNTS_EXT = 'counts.json';
/** Perfmet sensor observation type written by gs:standard. */
export const VEHICLE_COUNTS = 'Vehicle Counts';
/** Socrata "Camera Traffic Counts". */
export const CAMERA_COUNTS_DATASET = 'sh59-i6y9';
export const RECORD_ID_COLUMN = 'record_id';

/** Ext of one zone's standardized file: `<dashed GUID>.json`. */
export function zoneExt(guid: string): string {
  return `${guid}.json`;
}

/** Ext of an aggregation file: `agg15.json` for 15 minutes. */
export function aggExt(minutes: number): string {
  return `agg${minutes}.json`;
}

/** The GUID of a zone ext, or null for the other standardized files (site, unit data). */
export function guidOfZoneExt(ext: string): string | null {
  const match = /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\.json$/.exec(ext);
  return match ? match[1] : null;
}
