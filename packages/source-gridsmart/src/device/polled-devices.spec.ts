import { MemoryLogger } from '@lake/core';
import { gridsmartDevice } from '../test-support/gs-lake';
import { knackNameOf, polledDevices } from './polled-devices';

describe('polledDevices', () => {
  const ALL = /.*/;
  let log: MemoryLogger;

  beforeEach(() => {
    log = new MemoryLogger();
  });

  const addresses = (devices: Record<string, unknown>[], filter = ALL) => polledDevices(devices, filter, log).map((device) => device.address);

  it('keeps every device with a location that is not REMOVED, in Knack order', () => {
    const devices = [
      gridsmartDevice({ device_ip: '10.0.0.9', device_status: 'OK' }),
      gridsmartDevice({ device_ip: '10.0.0.7', device_status: 'BROKEN' }),
      gridsmartDevice({ device_ip: '10.0.0.8', device_status: 'REMOVED' }),
    ];
    expect(addresses(devices)).toEqual(['10.0.0.9', '10.0.0.7']);
  });

  it('recognises REMOVED in any case and with spaces around it', () => {
    expect(addresses([gridsmartDevice({ device_status: ' removed ' }), gridsmartDevice({ device_ip: '10.0.0.8', device_status: 'Removed' })])).toEqual([]);
  });

  it('polls a device whose status is null or NaN instead of crashing (§8.18 fixed)', () => {
    expect(addresses([gridsmartDevice({ device_status: null }), gridsmartDevice({ device_ip: '10.0.0.8', device_status: NaN }), gridsmartDevice({ device_ip: '10.0.0.9', device_status: undefined })])).toEqual([
      '10.0.0.7',
      '10.0.0.8',
      '10.0.0.9',
    ]);
  });

  it('skips devices without a location: null, empty, "nan", NaN', () => {
    const devices = [null, '', '  ', 'nan', 'NaN', NaN, 0].map((id, k) => gridsmartDevice({ device_ip: `10.0.1.${k}`, atd_location_id: id }));
    expect(addresses([...devices, gridsmartDevice({ device_ip: '10.0.2.1', atd_location_id: 'LOC16-000390' })])).toEqual(['10.0.2.1']);
  });

  it('ignores ip_comm_status (Knack often says OFFLINE for reachable devices)', () => {
    expect(addresses([gridsmartDevice({ ip_comm_status: 'OFFLINE' })])).toEqual(['10.0.0.7']);
  });

  it('polls an IP once: later rows with the same IP (any case, spaces) are skipped with a warning', () => {
    const devices = [
      gridsmartDevice({ device_ip: 'gs-lamar.example', primary_st: 'LAMAR BLVD' }),
      gridsmartDevice({ device_ip: ' GS-Lamar.Example ', primary_st: 'BURNET RD' }),
      gridsmartDevice({ device_ip: '10.0.0.8' }),
    ];
    expect(addresses(devices)).toEqual(['gs-lamar.example', '10.0.0.8']);
    expect(log.text()).toContain('GRIDSMART device BURNET RD_KOENIG LN has the IP GS-Lamar.Example of a device listed before it; skipped');
  });

  it('checks duplicates among the devices still in service only', () => {
    const devices = [gridsmartDevice({ device_status: 'REMOVED', primary_st: 'OLD' }), gridsmartDevice({ primary_st: 'NEW' })];
    expect(polledDevices(devices, ALL, log).map((device) => device.knackName)).toEqual(['NEW_KOENIG LN']);
  });

  it('checks duplicates before the name filter, as upstream did', () => {
    const devices = [gridsmartDevice({ primary_st: 'BURNET RD' }), gridsmartDevice({ primary_st: 'LAMAR BLVD' })];
    expect(addresses(devices, /LAMAR/)).toEqual([]);
  });

  it('matches the name filter anywhere in primary_st_cross_st', () => {
    const devices = [
      gridsmartDevice({ device_ip: '10.0.0.1', primary_st: 'LAMAR BLVD', cross_st: 'KOENIG LN' }),
      gridsmartDevice({ device_ip: '10.0.0.2', primary_st: 'BURNET RD', cross_st: 'RICHCREEK RD' }),
    ];
    expect(addresses(devices, /KOENIG/)).toEqual(['10.0.0.1']);
    expect(addresses(devices, /^BURNET RD_RICH/)).toEqual(['10.0.0.2']);
    expect(addresses(devices, /BLVD_KOE/)).toEqual(['10.0.0.1']);
    expect(addresses(devices, /koenig/)).toEqual([]);
  });

  it('reads / as & in the filtered name, and a null cross street as empty', () => {
    expect(knackNameOf(gridsmartDevice({ primary_st: 'LAMAR BLVD / KOENIG', cross_st: 'A/B' }))).toBe('LAMAR BLVD & KOENIG_A&B');
    expect(knackNameOf(gridsmartDevice({ primary_st: null, cross_st: null }))).toBe('_');
    expect(addresses([gridsmartDevice({ primary_st: 'N LAMAR/GUADALUPE', cross_st: null })], /GUADALUPE_$/)).toEqual(['10.0.0.7']);
  });

  it('keeps the legacy "nan" text of a missing street as it is', () => {
    expect(knackNameOf(gridsmartDevice({ cross_st: 'nan' }))).toBe('LAMAR BLVD_nan');
  });

  it('skips a device without an IP, with a warning', () => {
    expect(addresses([gridsmartDevice({ device_ip: null, atd_device_id: 77 })])).toEqual([]);
    expect(log.text()).toContain('(atd_device_id 77) has no device_ip; skipped');
  });

  it('trims the address and keeps the unit-data row', () => {
    const row = gridsmartDevice({ device_ip: ' 10.0.0.7 ' });
    expect(polledDevices([row], ALL, log)).toEqual([{ address: '10.0.0.7', knackName: 'LAMAR BLVD_KOENIG LN', unit: row }]);
  });

  it('is not thrown off by a global regex', () => {
    const global = /LAMAR/g;
    const devices = [gridsmartDevice({ device_ip: '10.0.0.1' }), gridsmartDevice({ device_ip: '10.0.0.2' })];
    expect(addresses(devices, global)).toEqual(['10.0.0.1', '10.0.0.2']);
  });
});
