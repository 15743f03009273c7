import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_GRIDSMART_SETTINGS, type GridsmartSettings } from '../gridsmart-settings';
import { DeviceSimulator, simulatedDevice, type SimulatedDevice } from '../test-support/device-simulator';
import { deviceSite } from '../test-support/site-fixtures';
import { countsZip, csvOf, v8Row, zipOf, CAMERA_MAC, GUID_NB } from '../test-support/zip-fixtures';
import { GridsmartDevice, deviceBaseUrl, type DeviceClientTuning } from './device-client';
import { DeviceRequestFailed } from './device-errors';

const EMPTY_ZIP = Buffer.from('504b0506000000000000000000000000000000000000', 'hex');

describe('GridsmartDevice', () => {
  let simulator: DeviceSimulator;
  let device: SimulatedDevice;
  let folder: string;
  let archive: Buffer;

  beforeAll(async () => {
    archive = await countsZip({ layout: 'A', cameras: [{ mac: CAMERA_MAC, day: '2020-03-04', zones: { [GUID_NB]: csvOf([v8Row()]) } }] });
  });

  beforeEach(async () => {
    device = simulatedDevice({ counts: { '2020-03-03': archive, '2020-03-04': archive } });
    simulator = await DeviceSimulator.start([device], { now: () => new Date('2020-03-05T07:31:02Z') });
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-device-'));
  });

  afterEach(async () => {
    await simulator.close();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  function settings(overrides: Partial<GridsmartSettings> = {}): GridsmartSettings {
    return { ...DEFAULT_GRIDSMART_SETTINGS, port: simulator.port, requestTimeoutSeconds: 0.5, downloadTimeoutSeconds: 0.5, ...overrides };
  }

  function client(overrides: Partial<GridsmartSettings> = {}, tuning: DeviceClientTuning = {}): GridsmartDevice {
    return new GridsmartDevice(simulator.address(0), settings(overrides), { attempts: 2, backoffMs: 1, ...tuning });
  }

  async function failure(promise: Promise<unknown>): Promise<Error & { code: string; hint?: string }> {
    return promise.then(
      () => {
        throw new Error('expected a failure');
      },
      (error: Error & { code: string }) => error,
    );
  }

  describe('site, clock and hardware', () => {
    it('reads site.json and hardwareinfo.json verbatim', async () => {
      expect(await client().site()).toEqual(deviceSite());
      expect(await client().hardwareInfo()).toEqual({ BoxSerialNumber: 'GS-0001', HardwareId: 'hw-1', HardwareVersion: '4' });
      expect(simulator.requestsOf(0)).toEqual(['site.json', 'system/hardwareinfo.json']);
    });

    it('keeps only DateTime and TimeZoneId of the clock answer and adds the host time in UTC', async () => {
      const clock = await client({}, { now: () => new Date('2020-03-05T07:31:09Z') }).clock();
      expect(clock).toEqual({
        DateTime: '3/5/2020 1:31:02 AM',
        TimeZoneId: '(UTC-06:00) Central Time (US & Canada)',
        HostTimeUTC: '03/05/2020 07:31:09 AM',
      });
    });

    it('takes the host time at the midpoint of the clock request (§8.3 fixed)', async () => {
      const readings = [new Date('2020-03-05T07:31:00Z'), new Date('2020-03-05T07:31:10Z')];
      const clock = await client({}, { now: () => readings.shift()! }).clock();
      expect(clock.HostTimeUTC).toBe('03/05/2020 07:31:05 AM');
    });

    it('takes the host time around the attempt that answered when the clock request is retried', async () => {
      device.faults.datetime = 'status500';
      let seconds = 0;
      const clock = await client(
        {},
        {
          now: () => new Date(Date.UTC(2020, 2, 5, 7, 31, (seconds += 10))),
          sleep: async () => {
            delete device.faults.datetime; // the device recovers while the client waits
          },
        },
      ).clock();
      // first attempt sent at :10 and failed; the second was sent at :20 and answered at :30
      expect(clock.HostTimeUTC).toBe('03/05/2020 07:31:25 AM');
      expect(simulator.requestsOf(0)).toEqual(['datetime.json', 'datetime.json']);
    });

    it.each(['DateTime', 'TimeZoneId'])('fails a clock answer without %s', async (field) => {
      device.datetimeFields = { [field]: undefined };
      const error = await failure(client().clock());
      expect(error.code).toBe('DEVICE_ANSWER_INVALID');
      expect(error.message).toContain(`http://${simulator.address(0)}:${simulator.port}/api/datetime.json`);
      expect(error.message).toContain(`no ${field}`);
    });

    it('says which URL answered something that is not JSON', async () => {
      device.faults.site = 'malformedJson';
      const malformed = await failure(client().site());
      expect(malformed.code).toBe('DEVICE_ANSWER_NOT_JSON');
      expect(malformed.message).toContain(`http://${simulator.address(0)}:${simulator.port}/api/site.json answered "{\\"Location\\"`);

      device.faults.site = 'html';
      const page = await failure(client().site());
      expect(page.code).toBe('DEVICE_ANSWER_NOT_JSON');
      expect(page.message).toContain('<!DOCTYPE html>');
    });

    it('fails a device that keeps answering 500, after its attempts', async () => {
      device.faults.hardware = 'status500';
      const error = await failure(client().hardwareInfo());
      expect(error).toBeInstanceOf(DeviceRequestFailed);
      expect(error.code).toBe('DEVICE_HTTP_ERROR');
      expect(error.message).toContain(`GRIDSMART device ${simulator.address(0)}: GET http://${simulator.address(0)}:${simulator.port}/api/system/hardwareinfo.json answered 500`);
      expect(simulator.requestsOf(0)).toEqual(['system/hardwareinfo.json', 'system/hardwareinfo.json']);
    });

    it('times out a device that never answers', async () => {
      device.faults.site = 'hang';
      const error = await failure(client({}, { attempts: 1 }).site());
      expect(error.code).toBe('DEVICE_UNREACHABLE');
      expect(error.message).toContain('timed out');
      expect(error.hint).toContain('device_ip');
    });

    it('waits for a slow device within the timeout, and gives up on a slower one', async () => {
      device.delayMs = 100;
      expect(await client({ requestTimeoutSeconds: 2 }).site()).toEqual(deviceSite());
      device.delayMs = 400;
      expect((await failure(client({ requestTimeoutSeconds: 0.1 }, { attempts: 1 }).site())).message).toContain('timed out');
    });

    it('reports an answer cut off midway as a device that did not answer', async () => {
      device.faults.site = 'cutOff';
      const error = await failure(client({}, { attempts: 1 }).site());
      expect(error.code).toBe('DEVICE_UNREACHABLE');
      expect(error.message).toContain('site.json failed');
    });

    it('reports an address nobody listens on', async () => {
      const nobody = new GridsmartDevice('127.0.0.250', settings(), { attempts: 1 });
      const error = await failure(nobody.site());
      expect(error.code).toBe('DEVICE_UNREACHABLE');
      expect(error.message).toContain('ECONNREFUSED');
    });
  });

  describe('countDays', () => {
    it('lists the days the device has archives for', async () => {
      expect(await client().countDays()).toEqual(['2020-03-03', '2020-03-04']);
    });

    it('rejects an answer that is not a list of days', async () => {
      device.listedDays = ['2020-03-04', '03/05/2020'];
      const error = await failure(client().countDays());
      expect(error.code).toBe('DEVICE_ANSWER_INVALID');
      expect(error.message).toContain('"03/05/2020" is not a day (YYYY-MM-DD)');
      device.listedDays = ['2020-02-30'];
      expect((await failure(client().countDays())).message).toContain('"2020-02-30" is not a day');
    });

    it('rejects an object where the list should be', async () => {
      device.listedDays = { days: [] } as unknown as string[]; // served as JSON as it is
      expect((await failure(client().countDays())).message).toContain('expected a list of days, got an object');
    });

    it('times out the day list like the other requests (§8.1 fixed)', async () => {
      device.faults.days = 'hang';
      const error = await failure(client({ requestTimeoutSeconds: 0.2 }, { attempts: 1 }).countDays());
      expect(error.message).toContain('counts.json failed: timed out');
    });
  });

  describe('downloadCounts', () => {
    const destination = () => path.join(folder, '2020-03-04_Lamar_Koenig.zip');

    it('streams the archive to the file, byte for byte', async () => {
      const result = await client().downloadCounts('2020-03-04', destination());
      expect(result.bytes).toBe(archive.length);
      expect(fs.readFileSync(destination()).equals(archive)).toBe(true);
      expect(simulator.requestsOf(0)).toEqual(['counts/bydate/2020-03-04']);
    });

    it('accepts an empty archive', async () => {
      device.counts['2020-03-04'] = EMPTY_ZIP;
      expect((await client().downloadCounts('2020-03-04', destination())).bytes).toBe(EMPTY_ZIP.length);
      expect(fs.readFileSync(destination()).equals(await zipOf({}))).toBe(true);
    });

    it('refuses an HTML page sent with status 200, naming device and day, and removes the file (§8.2 fixed)', async () => {
      device.faults.counts = 'html';
      const error = await failure(client().downloadCounts('2020-03-04', destination()));
      expect(error.code).toBe('DEVICE_ANSWER_NOT_ZIP');
      expect(error.message).toContain(`GRIDSMART device ${simulator.address(0)}: the counts of 2020-03-04 are not a ZIP archive`);
      expect(error.message).toContain('<!DOCTYPE html>');
      expect(fs.existsSync(destination())).toBe(false);
    });

    it('fails a day the device has no archive for, writing nothing', async () => {
      const error = await failure(client().downloadCounts('2020-03-01', destination()));
      expect(error.code).toBe('DEVICE_HTTP_ERROR');
      expect(error.message).toContain('counts/bydate/2020-03-01 answered 404');
      expect(fs.existsSync(destination())).toBe(false);
    });

    it('fails a download cut off midway, leaving no partial file', async () => {
      device.faults.counts = 'cutOff';
      const error = await failure(client().downloadCounts('2020-03-04', destination()));
      expect(error.code).toBe('DEVICE_UNREACHABLE');
      expect(fs.existsSync(destination())).toBe(false);
      expect(simulator.requestsOf(0)).toEqual(['counts/bydate/2020-03-04', 'counts/bydate/2020-03-04']);
    });

    it('gives up on a download that never comes, after the download timeout', async () => {
      device.faults.counts = 'hang';
      const error = await failure(client({ requestTimeoutSeconds: 30, downloadTimeoutSeconds: 0.2 }, { attempts: 1 }).downloadCounts('2020-03-04', destination()));
      expect(error.message).toContain('timed out');
      expect(fs.existsSync(destination())).toBe(false);
    });

    it('refuses an archive over the size limit', async () => {
      const error = await failure(client({ maxZipMiB: 100 / (1024 * 1024) }).downloadCounts('2020-03-04', destination()));
      expect(error.code).toBe('DOWNLOAD_TOO_LARGE');
      expect(error.hint).toContain('sources.gs.maxZipMiB');
      expect(fs.existsSync(destination())).toBe(false);
    });

    it('refuses a day that is not YYYY-MM-DD before asking the device', async () => {
      await expect(client().downloadCounts('../site.json', destination())).rejects.toMatchObject({ code: 'GS_INVALID_DAY' });
      expect(simulator.requestsOf(0)).toEqual([]);
    });
  });
});

describe('deviceBaseUrl', () => {
  it('adds the API port to a bare address', () => {
    expect(deviceBaseUrl('10.0.0.7', 8902)).toBe('http://10.0.0.7:8902/api/');
    expect(deviceBaseUrl(' 10.0.0.7 ', 8902)).toBe('http://10.0.0.7:8902/api/');
  });

  it('keeps the port an address already carries', () => {
    expect(deviceBaseUrl('10.0.0.7:8080', 8902)).toBe('http://10.0.0.7:8080/api/');
    expect(deviceBaseUrl('[fe80::1]:8080', 8902)).toBe('http://[fe80::1]:8080/api/');
  });

  it('brackets an IPv6 address', () => {
    expect(deviceBaseUrl('fe80::1', 8902)).toBe('http://[fe80::1]:8902/api/');
    expect(deviceBaseUrl('[fe80::1]', 8902)).toBe('http://[fe80::1]:8902/api/');
  });

  it('refuses an empty address', () => {
    expect(() => deviceBaseUrl('  ', 8902)).toThrow(expect.objectContaining({ code: 'GS_NO_DEVICE_ADDRESS' }));
  });
});

describe('a simulated device clock', () => {
  const summer = new Date('2020-06-01T12:00:05Z'); // 07:00:05 CDT, 06:00:05 CST

  async function clockAt(device: SimulatedDevice): Promise<string | undefined> {
    const simulator = await DeviceSimulator.start([device], { now: () => summer });
    try {
      const settings = { ...DEFAULT_GRIDSMART_SETTINGS, port: simulator.port };
      return (await new GridsmartDevice(simulator.address(0), settings, { now: () => summer }).clock()).DateTime;
    } finally {
      await simulator.close();
    }
  }

  it('shows the standard offset all year, unless the device follows DST', async () => {
    expect(await clockAt(simulatedDevice())).toBe('6/1/2020 6:00:05 AM');
    expect(await clockAt(simulatedDevice({ followsDst: true }))).toBe('6/1/2020 7:00:05 AM');
  });

  it('runs ahead or behind by its drift', async () => {
    expect(await clockAt(simulatedDevice({ driftSeconds: -3605 }))).toBe('6/1/2020 5:00:00 AM');
    expect(await clockAt(simulatedDevice({ driftSeconds: 6 * 3600 + 55 }))).toBe('6/1/2020 12:01:00 PM');
  });
});
