// Site files as GRIDSMART devices describe themselves (gridsmart.md §1.1) and as gs:insert keeps
// them (§2 step 2), for tests.
import type { DeviceDateTime, DeviceSite, SiteFile } from '../site/site-file';

export interface ZoneFixture {
  /** 32 hex digits, no dashes. */
  id: string;
  approach?: string;
  turnType?: string;
  includeInData?: boolean;
}

export interface SiteFixture {
  street1?: string;
  street2?: string;
  latitude?: number | null;
  longitude?: number | null;
  mac?: string;
  configured?: boolean;
  zones?: ZoneFixture[];
  /** More cameras, each with its own zones. */
  moreCameras?: { mac: string; configured?: boolean; zones: ZoneFixture[] }[];
}

export const ZONE_NB = '0a1b2c3d00004e5f8a9b112233445566';
export const ZONE_SB = '2c6dff02cb0c4da0adc528dd1946df40';

/** A device's `site.json`. */
export function deviceSite(fixture: SiteFixture = {}): DeviceSite {
  const zones = fixture.zones ?? [
    { id: ZONE_NB, approach: 'Northbound' },
    { id: ZONE_SB, approach: 'Southbound' },
  ];
  const camera = (mac: string, configured: boolean, cameraZones: ZoneFixture[]) => ({
    Fisheye: {
      MACAddress: mac,
      IsConfigured: configured,
      CameraMasks: {
        ZoneMasks: [
          { Pedestrian: { Id: 'ped-zone' } },
          ...cameraZones.map((zone) => ({
            Vehicle: {
              Id: zone.id,
              Name: `${zone.approach ?? 'Northbound'} through`,
              TurnType: zone.turnType ?? 'Straight',
              ApproachType: zone.approach ?? 'Northbound',
              IncludeInData: zone.includeInData ?? true,
            },
          })),
        ],
      },
    },
  });
  return {
    Id: 'site-1',
    Location: {
      Street1: fixture.street1 ?? 'Lamar',
      Street2: fixture.street2 ?? 'Koenig',
      Latitude: fixture.latitude === undefined ? 30.35 : fixture.latitude,
      Longitude: fixture.longitude === undefined ? -97.73 : fixture.longitude,
    },
    CameraDevices: [
      camera(fixture.mac ?? '00:30:53:26:e6:e1', fixture.configured ?? true, zones),
      ...(fixture.moreCameras ?? []).map((more) => camera(more.mac, more.configured ?? true, more.zones)),
    ],
  };
}

/** A device clock reading: NTP-correct by default (device = host time). */
export function deviceDateTime(overrides: Partial<DeviceDateTime> = {}): DeviceDateTime {
  return {
    DateTime: '3/5/2020 1:31:02 AM',
    TimeZoneId: '(UTC-06:00) Central Time (US & Canada)',
    HostTimeUTC: '03/05/2020 07:31:02 AM',
    ...overrides,
  };
}

/** The lake's site file for a base collected on `day` (YYYY-MM-DD, 00:00 CST/CDT given as offset). */
export function siteFile(options: { base?: string; day?: string; offset?: string; netAddr?: string | null; site?: DeviceSite; datetime?: DeviceDateTime | null } = {}): SiteFile {
  const base = options.base ?? 'Lamar_Koenig';
  const day = options.day ?? '2020-03-05';
  const header: SiteFile['header'] = {
    data_type: 'gs_site',
    target_filename: `${base}_site_${day}.json`,
    collection_date: `${day} 00:00:00${options.offset ?? '-06:00'}`,
  };
  if (options.netAddr !== null) header.device_net_addr = options.netAddr ?? '10.0.0.7';
  const file: SiteFile = { header, site: options.site ?? deviceSite(), datetime: options.datetime === undefined ? deviceDateTime() : options.datetime, hardware_info: { BoxSerialNumber: 'GS-0001', HardwareId: 'hw-1', HardwareVersion: '4' } };
  if (options.datetime === null) delete file.datetime;
  return file;
}
