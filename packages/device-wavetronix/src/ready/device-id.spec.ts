import { createHash } from 'node:crypto';
import { wavetronixDeviceIds } from './device-id';
import { KitsDevices } from './kits-devices';

const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');
const radar = (overrides: Record<string, unknown>) => ({ device_type: 'RADAR', device_name: null, device_ip: '10.9.8.7', lat: 30.1, lon: -97.8, kits_id: 1, ...overrides });

describe('the Wavetronix device id', () => {
  it("hashes type, name, IP, lat and lon as the original's pandas rows spelled them", () => {
    expect(wavetronixDeviceIds([radar({})])).toEqual(['84a77022e6ba01d012e431bab8a42d87']);
    expect(md5('RADARNone10.9.8.730.1-97.8')).toBe('84a77022e6ba01d012e431bab8a42d87');
  });

  it('spells a missing position `nan` when other devices have one, `None` when none has', () => {
    const [withGap] = wavetronixDeviceIds([radar({ lat: null, lon: null }), radar({ device_ip: '10.0.0.1' })]);
    expect(withGap).toBe('e7d03cf33a4ef2b9f85337ac7e6ef8fa');
    expect(md5('RADARNone10.9.8.7nannan')).toBe(withGap);
    expect(wavetronixDeviceIds([radar({ lat: null, lon: null })])).toEqual([md5('RADARNone10.9.8.7NoneNone')]);
  });

  it('writes positions as floats (30.0), and other whole-number columns as integers unless a gap made them floats', () => {
    expect(wavetronixDeviceIds([radar({ lat: 30, lon: -97.5 })])).toEqual([md5('RADARNone10.9.8.730.0-97.5')]);
    expect(wavetronixDeviceIds([radar({ lat: 30 }), radar({ lat: null })])[0]).toBe(md5('RADARNone10.9.8.730.0-97.8'));
    expect(wavetronixDeviceIds([radar({ device_name: 'wt_lamar' })])).toEqual([md5('RADARwt_lamar10.9.8.730.1-97.8')]);
    expect(wavetronixDeviceIds([radar({ device_name: 12 })])).toEqual([md5('RADAR1210.9.8.730.1-97.8')]);
    expect(wavetronixDeviceIds([radar({ device_name: 12 }), radar({ device_name: null })])[0]).toBe(md5('RADAR12.010.9.8.730.1-97.8'));
  });
});

describe('joining rows to radars by kits_id', () => {
  it('matches intID to kits_id numerically and never matches a device without kits_id', () => {
    const devices = new KitsDevices([radar({ kits_id: 1.0 }), radar({ kits_id: '2', device_ip: '10.0.0.2' }), radar({ kits_id: null, device_ip: '10.0.0.3' })]);
    expect(devices.forIntId(1)?.position).toBe(0);
    expect(devices.forIntId(2)?.position).toBe(1);
    expect(devices.forIntId(3)).toBeNull();
    expect(devices.forIntId(null)).toBeNull();
    expect(devices.shared).toEqual([]);
  });

  it('uses one radar for a kits_id shared by several: the first not REMOVED, and says so (W-3)', () => {
    const list = [radar({ device_status: 'REMOVED' }), radar({ device_ip: '10.0.0.2' }), radar({ device_ip: '10.0.0.3' })];
    const ids = wavetronixDeviceIds(list);
    const devices = new KitsDevices(list);
    expect(devices.forIntId(1)?.deviceId).toBe(ids[1]);
    expect(devices.shared).toEqual([{ kitsId: 1, used: ids[1], ignored: [ids[0], ids[2]] }]);
    expect(new KitsDevices([radar({ device_status: 'REMOVED' }), radar({ device_status: 'removed', device_ip: 'x' })]).forIntId(1)?.position).toBe(0);
  });

  it('embeds the used devices in unit-data order, each with its keys then device_id', () => {
    const list = [radar({ kits_id: 5, device_ip: 'a' }), radar({ kits_id: 6, device_ip: 'b' }), radar({ kits_id: 7, device_ip: 'c' })];
    const devices = new KitsDevices(list);
    const used = new Set([devices.forIntId(7)!.deviceId, devices.forIntId(5)!.deviceId]);
    const embedded = devices.embedded(used);
    expect(embedded.map((device) => device.kits_id)).toEqual([5, 7]);
    expect(Object.keys(embedded[0])).toEqual(['device_type', 'device_name', 'device_ip', 'lat', 'lon', 'kits_id', 'device_id']);
  });
});
