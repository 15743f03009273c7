// What a GRIDSMART device says about itself (gridsmart.md §1.1) and the site file the lake keeps of
// it (§2 step 2): the device's site.json, its clock reading and its hardware information.

/** The parts of a device's `site.json` the lake reads; everything else is kept verbatim. */
export interface DeviceSite {
  Location?: { Street1?: string | null; Street2?: string | null; Latitude?: number | null; Longitude?: number | null; [key: string]: unknown };
  CameraDevices?: CameraDevice[] | null;
  [key: string]: unknown;
}

export interface CameraDevice {
  Fisheye?: {
    MACAddress?: string | null;
    IsConfigured?: boolean | null;
    CameraMasks?: { ZoneMasks?: ZoneMask[] | null; [key: string]: unknown } | null;
    [key: string]: unknown;
  } | null;
  [key: string]: unknown;
}

export interface ZoneMask {
  Vehicle?: VehicleZone | null;
  [key: string]: unknown;
}

export interface VehicleZone {
  /** 32 hex digits without dashes. */
  Id: string;
  TurnType?: string | null;
  ApproachType?: string | null;
  IncludeInData?: boolean | null;
  [key: string]: unknown;
}

/** The device's clock reading, plus the host's UTC time taken when it was read. */
export interface DeviceDateTime {
  /** e.g. `6/3/2019 2:32:13 AM` (device wall clock). */
  DateTime?: string;
  /** e.g. `(UTC-06:00) Central Time (US & Canada)`. */
  TimeZoneId?: string;
  /** `MM/DD/YYYY hh:mm:ss AM|PM`, UTC. */
  HostTimeUTC?: string;
  [key: string]: unknown;
}

/** The lake's site file: `<base>_gs_<YYYY-MM-DD>_site.json`. */
export interface SiteFile {
  header: {
    data_type: 'gs_site';
    target_filename: string;
    collection_date: string;
    device_net_addr?: string;
    [key: string]: unknown;
  };
  site: DeviceSite;
  datetime?: DeviceDateTime | null;
  hardware_info?: unknown;
}

/** The lake's name for an intersection: `Street1_Street2`, `/` read as `&` (§2). */
export function siteBase(site: DeviceSite): string {
  const street1 = site.Location?.Street1 ?? '';
  const street2 = site.Location?.Street2 ?? '';
  return `${street1}_${street2}`.replace(/\//g, '&');
}

/** `2c6dff02cb0c4da0adc528dd1946df40` → `2c6dff02-cb0c-4da0-adc5-28dd1946df40`; dashed ids stay. */
export function dashGuid(id: string): string {
  if (id.includes('-') || id.length !== 32) return id;
  return `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`;
}

/** A zone with a vehicle detector, from any camera of the site. */
export interface SiteZone {
  /** The raw `Vehicle.Id` (undashed). */
  id: string;
  guid: string;
  turnType: string | null;
  approachType: string | null;
  includeInData: boolean;
  cameraConfigured: boolean;
}

/** Every vehicle zone of every camera, in the site file's order. */
export function siteZones(site: DeviceSite): SiteZone[] {
  const zones: SiteZone[] = [];
  for (const camera of site.CameraDevices ?? []) {
    const fisheye = camera?.Fisheye;
    for (const mask of fisheye?.CameraMasks?.ZoneMasks ?? []) {
      const vehicle = mask?.Vehicle;
      if (!vehicle || typeof vehicle.Id !== 'string') continue;
      zones.push({
        id: vehicle.Id,
        guid: dashGuid(vehicle.Id),
        turnType: vehicle.TurnType ?? null,
        approachType: vehicle.ApproachType ?? null,
        includeInData: Boolean(vehicle.IncludeInData),
        cameraConfigured: Boolean(fisheye?.IsConfigured),
      });
    }
  }
  return zones;
}

/** Camera id of the first camera: its MAC with `-` for `:` (null without cameras). */
export function cameraId(site: DeviceSite): string | null {
  const mac = site.CameraDevices?.[0]?.Fisheye?.MACAddress;
  return typeof mac === 'string' ? mac.replace(/:/g, '-') : null;
}
