import { createHash } from 'node:crypto';
import { bluetoothDeviceId } from './device-id';

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

describe('bluetoothDeviceId', () => {
  it('hashes type, IP and the Python text of lat and lon (bluetooth.md §5.2 vectors)', () => {
    expect(bluetoothDeviceId({ device_type: 'BLUETOOTH', device_ip: '10.1.2.3', lat: 30.25, lon: -97.75, device_name: 'lamar_6th' })).toBe(
      '06c8846f916934f8e48a87f1380d0b23',
    );
  });

  it('writes an integral latitude with .0, as Python did', () => {
    expect(bluetoothDeviceId({ device_type: 'BLUETOOTH', device_ip: '10.1.2.3', lat: 30, lon: -97.75 })).toBe('4c2bf49e6a3c91e8040d0a5efc63e9c9');
  });

  it('reproduces the device ids shown in the original documentation', () => {
    expect(bluetoothDeviceId({ device_type: 'BLUETOOTH', device_ip: '172.16.132.68', lat: 30.2715378, lon: -97.7539673, device_name: 'lamar_6th' })).toBe(
      '545b7c56753af339ca16e388ebd1d9b2',
    );
    // The documentation's older unit data held the coordinates as text.
    expect(bluetoothDeviceId({ device_type: 'BLUETOOTH', device_ip: '172.16.132.72', lat: '30.2836018', lon: '-97.7520752' })).toBe(
      'b040f50462dc83984a6868dbe831aa08',
    );
  });

  it('is independent of the device name', () => {
    const device = { device_type: 'BLUETOOTH', device_ip: '10.1.2.3', lat: 30.25, lon: -97.75 };
    expect(bluetoothDeviceId({ ...device, device_name: 'a' })).toBe(bluetoothDeviceId({ ...device, device_name: 'b' }));
  });

  it('spells a missing latitude or longitude nan', () => {
    expect(bluetoothDeviceId({ device_type: 'BLUETOOTH', device_ip: '10.1.2.3', lat: null, lon: -97.75 })).toBe(md5('BLUETOOTH10.1.2.3nan-97.75'));
    expect(bluetoothDeviceId({ device_type: 'BLUETOOTH', device_ip: '10.1.2.3', lat: 30.25 })).toBe(md5('BLUETOOTH10.1.2.330.25nan'));
  });

  it('spells a missing type or IP None and reports it instead of crashing (B-5)', () => {
    const problems: string[] = [];
    const id = bluetoothDeviceId({ device_type: null, device_ip: '10.1.2.3', lat: 30.25, lon: -97.75, device_name: 'lamar_6th' }, (problem) => problems.push(problem));
    expect(id).toBe(md5('None10.1.2.330.25-97.75'));
    expect(problems).toEqual(['device lamar_6th has no device_type; its device_id uses "None" there']);
    expect(bluetoothDeviceId({ device_type: 'BLUETOOTH', lat: 30.25, lon: -97.75 })).toBe(md5('BLUETOOTHNone30.25-97.75'));
  });
});
