import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MemoryLogger } from '../log/logger';
import { LakeTime } from '../time/lake-time';
import { FileUnitDataDriver } from './file-unit-data-driver';

const time = new LakeTime('America/Chicago', () => new Date('2020-11-01T12:00:00Z'));
let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lake-unit-data-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function writeFile(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

function unitDataText(dataType: string, collectionDate: string, deviceName: string): string {
  return JSON.stringify({
    header: { data_type: dataType, target_filename: 'old.json', collection_date: collectionDate, processing_date: collectionDate },
    devices: [{ device_name: deviceName }],
  });
}

function driverFor(configPath: string, log = new MemoryLogger(), maxMiB?: number) {
  return new FileUnitDataDriver({ driver: 'file', path: configPath, maxMiB }, { time, areaBase: 'Austin', baseDir: dir, log });
}

describe('FileUnitDataDriver with one file', () => {
  it('returns the devices and other lists with a header for today', async () => {
    writeFile(
      'inventory.json',
      '{"header": {"data_type": "gs_unit_data", "collection_date": "2019-01-01 00:00:00-06:00"},' +
        ' "devices": [{"device_ip": "10.0.0.7", "lat": NaN}], "detectors": [{"id": 1}]}',
    );
    const snapshot = await driverFor('inventory.json').fetch('gs');
    expect(snapshot).toEqual({
      header: {
        data_type: 'gs_unit_data',
        target_filename: 'Austin_gs_2020-11-01_unit_data.json',
        collection_date: '2020-11-01 00:00:00-05:00',
        processing_date: '2020-11-01 06:00:00-06:00',
      },
      devices: [{ device_ip: '10.0.0.7', lat: null }],
      detectors: [{ id: 1 }],
    });
  });

  it('accepts a hand-written file without a header', async () => {
    const file = writeFile('devices.json', '{"devices": [{"device_name": "reader_1"}]}');
    const snapshot = await driverFor(file).fetch('bt');
    expect(snapshot.header.data_type).toBe('bt_unit_data');
    expect(snapshot.devices).toEqual([{ device_name: 'reader_1' }]);
  });

  it('refuses a file of another data source', async () => {
    writeFile('inventory.json', unitDataText('gs_unit_data', '2020-10-30 00:00:00-05:00', 'x'));
    await expect(driverFor('inventory.json').fetch('bt')).rejects.toMatchObject({ code: 'UNIT_DATA_UNAVAILABLE' });
  });

  it('names the path and the reason when the file is missing', async () => {
    const error = await driverFor('missing.json').fetch('bt').catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'UNIT_DATA_UNAVAILABLE' });
    expect((error as Error).message).toContain(path.join(dir, 'missing.json'));
    expect((error as Error).message).toContain('ENOENT');
  });

  it('names the path and the reason when the file is not unit data', async () => {
    writeFile('broken.json', '{"devices": ');
    writeFile('list.json', '[1, 2]');
    writeFile('nodevices.json', '{"header": {}}');
    for (const [name, reason] of [
      ['broken.json', 'JSON'],
      ['list.json', 'expected a JSON object'],
      ['nodevices.json', 'no "devices" list'],
    ]) {
      const error = await driverFor(name).fetch('bt').catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: 'UNIT_DATA_UNAVAILABLE' });
      expect((error as Error).message).toContain(path.join(dir, name));
      expect((error as Error).message).toContain(reason);
    }
  });

  it('needs a path in its configuration', () => {
    expect(() => new FileUnitDataDriver({ driver: 'file', path: '' }, { time, areaBase: 'Austin' })).toThrow(/no "path"/);
  });
});

describe('FileUnitDataDriver with a folder', () => {
  it('picks the newest file of the data source by header collection date', async () => {
    writeFile('Austin_bt_2020-10-29_unit_data.json', unitDataText('bt_unit_data', '2020-10-29 00:00:00-05:00', 'bt old'));
    writeFile('a.json', unitDataText('bt_unit_data', '2020-10-31 00:00:00-05:00', 'bt newest'));
    writeFile('Austin_bt_2020-10-30_unit_data.json', unitDataText('bt_unit_data', '2020-10-30 00:00:00-05:00', 'bt middle'));
    writeFile('Austin_gs_2020-11-01_unit_data.json', unitDataText('gs_unit_data', '2020-11-01 00:00:00-05:00', 'gs'));
    writeFile('notes.txt', 'not json');
    const snapshot = await driverFor('.').fetch('bt');
    expect(snapshot.devices).toEqual([{ device_name: 'bt newest' }]);
    expect(snapshot.header.collection_date).toBe('2020-11-01 00:00:00-05:00');
  });

  it('matches files without a header type by the data source in their name', async () => {
    writeFile('Austin_wt_devices.json', '{"devices": [{"kits_id": 7}]}');
    writeFile('Austin_bt_devices.json', '{"devices": [{"device_name": "reader"}]}');
    expect((await driverFor(dir).fetch('wt')).devices).toEqual([{ kits_id: 7 }]);
  });

  it('skips a broken file of the data source with a warning', async () => {
    const log = new MemoryLogger();
    writeFile('Austin_bt_2020-10-31_unit_data.json', '{"devices": [');
    writeFile('Austin_bt_2020-10-30_unit_data.json', unitDataText('bt_unit_data', '2020-10-30 00:00:00-05:00', 'good'));
    expect((await driverFor(dir, log).fetch('bt')).devices).toEqual([{ device_name: 'good' }]);
    expect(log.text()).toContain('WARN skipping');
    expect(log.text()).toContain('Austin_bt_2020-10-31_unit_data.json');
  });

  it('reports a folder without a file of the data source', async () => {
    writeFile('Austin_gs_2020-11-01_unit_data.json', unitDataText('gs_unit_data', '2020-11-01 00:00:00-05:00', 'gs'));
    const error = await driverFor(dir).fetch('bt').catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'UNIT_DATA_UNAVAILABLE' });
    expect((error as Error).message).toContain(dir);
    expect((error as Error).message).toContain('bt_unit_data');
  });
});

// Found by the hostile-input suites (source-bluetooth/src/stages/unit-data.hostile.spec.ts).
describe('FileUnitDataDriver with hostile files', () => {
  it('refuses a file larger than maxMiB before reading it, naming it and the limit', async () => {
    const file = writeFile('Austin_bt_unit_data.json', unitDataText('bt_unit_data', '2019-01-01 00:00:00-06:00', 'x'.repeat(2 * 1024 * 1024)));
    await expect(driverFor(file, undefined, 1).fetch('bt')).rejects.toMatchObject({
      code: 'UNIT_DATA_UNAVAILABLE',
      message: `no unit data from ${file}: it is 2 MiB, more than the 1 MiB a unit-data file may be`,
    });
    expect((await driverFor(file).fetch('bt')).devices).toHaveLength(1); // under the default 16 MiB
    expect(() => driverFor(file, undefined, -1)).toThrow(/maxMiB -1 is not a positive number/);
  });

  it('refuses devices that are no objects, and JSON nested too deep', async () => {
    const devices = writeFile('devices.json', '{"devices": [{"device_name": "a"}, 7]}');
    await expect(driverFor(devices).fetch('bt')).rejects.toThrow(`no unit data from ${devices}: device 1 of the "devices" list is 7, not an object`);
    const deep = writeFile('deep.json', `{"devices": [{"device_name": ${'['.repeat(100_000)}${']'.repeat(100_000)}}]}`);
    await expect(driverFor(deep).fetch('bt')).rejects.toThrow(`no unit data from ${deep}: the text is not valid lake JSON: nested deeper than 512 levels at byte`);
  });

  it('names the unreadable file of the source, and why, when a folder holds no other', async () => {
    const file = writeFile('Austin_bt_unit_data.json', '{"devices": [');
    await expect(driverFor(dir).fetch('bt')).rejects.toThrow(`no unit data from ${dir}: the folder holds no readable bt_unit_data file (no unit data from ${file}: the text is not valid lake JSON: `);
  });
});
