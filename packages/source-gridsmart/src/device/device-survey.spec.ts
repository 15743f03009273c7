import { MemoryLogger } from '@lake/core';
import { DEFAULT_GRIDSMART_SETTINGS, type GridsmartSettings } from '../gridsmart-settings';
import { DeviceSimulator, simulatedDevice } from '../test-support/device-simulator';
import { gridsmartDevice } from '../test-support/gs-lake';
import { deviceSite } from '../test-support/site-fixtures';
import { zipOf } from '../test-support/zip-fixtures';
import { GridsmartDevice } from './device-client';
import { surveyDevices, unsafeBaseReason, type SurveyOptions } from './device-survey';
import { polledDevices } from './polled-devices';

describe('surveyDevices', () => {
  let simulator: DeviceSimulator;
  let log: MemoryLogger;
  let settings: GridsmartSettings;
  let archive: Buffer;

  beforeAll(async () => {
    archive = await zipOf({ 'x.csv': '1' });
  });

  beforeEach(() => {
    log = new MemoryLogger();
  });

  afterEach(() => simulator.close());

  async function start(...devices: ReturnType<typeof simulatedDevice>[]): Promise<void> {
    simulator = await DeviceSimulator.start(devices, { now: () => new Date('2020-03-05T07:31:02Z') });
    settings = { ...DEFAULT_GRIDSMART_SETTINGS, port: simulator.port, requestTimeoutSeconds: 0.3 };
  }

  function polled(count: number) {
    const rows = Array.from({ length: count }, (_, k) => gridsmartDevice({ device_ip: simulator.address(k), primary_st: `STREET ${k}` }));
    return polledDevices(rows, /.*/, log);
  }

  function options(overrides: Partial<SurveyOptions> = {}): SurveyOptions {
    return {
      connect: (address) => new GridsmartDevice(address, settings, { attempts: 1, now: () => new Date('2020-03-05T07:31:09Z') }),
      concurrency: 4,
      log,
      ...overrides,
    };
  }

  it('asks each device for site, clock, hardware, then days, and keeps what they say', async () => {
    await start(simulatedDevice({ counts: { '2020-03-04': archive, '2020-03-03': archive } }));
    const survey = await surveyDevices(polled(1), options());
    expect(survey.failures).toEqual([]);
    const [device] = survey.devices;
    expect(device).toMatchObject({
      address: simulator.address(0),
      siteBase: 'Lamar_Koenig',
      site: deviceSite(),
      clock: { DateTime: '3/5/2020 1:31:02 AM', TimeZoneId: '(UTC-06:00) Central Time (US & Canada)', HostTimeUTC: '03/05/2020 07:31:09 AM' },
      hardware: { BoxSerialNumber: 'GS-0001' },
      days: ['2020-03-03', '2020-03-04'],
    });
    expect(simulator.requestsOf(0)).toEqual(['site.json', 'datetime.json', 'system/hardwareinfo.json', 'counts.json']);
    expect(log.text()).toContain('GRIDSMART devices: 1 answered, 0 failed (of 1 polled)');
  });

  it('reports a device that fails any step and goes on with the others, in Knack order', async () => {
    await start(
      simulatedDevice({ site: deviceSite({ street1: 'A' }) }),
      simulatedDevice({ site: deviceSite({ street1: 'B' }), faults: { site: 'hang' } }),
      simulatedDevice({ site: deviceSite({ street1: 'C' }), faults: { datetime: 'malformedJson' } }),
      simulatedDevice({ site: deviceSite({ street1: 'D' }), faults: { hardware: 'status500' } }),
      simulatedDevice({ site: deviceSite({ street1: 'E' }), datetimeFields: { TimeZoneId: undefined } }),
      simulatedDevice({ site: deviceSite({ street1: 'F' }), listedDays: ['yesterday'] }),
      simulatedDevice({ site: deviceSite({ street1: 'G' }) }),
    );
    const survey = await surveyDevices(polled(7), options({ concurrency: 3 }));
    expect(survey.devices.map((device) => device.siteBase)).toEqual(['A_Koenig', 'G_Koenig']);
    expect(survey.failures.map((failure) => [failure.polled.address, (failure.error as { code: string }).code])).toEqual([
      [simulator.address(1), 'DEVICE_UNREACHABLE'],
      [simulator.address(2), 'DEVICE_ANSWER_NOT_JSON'],
      [simulator.address(3), 'DEVICE_HTTP_ERROR'],
      [simulator.address(4), 'DEVICE_ANSWER_INVALID'],
      [simulator.address(5), 'DEVICE_ANSWER_INVALID'],
    ]);
    expect(log.text()).toContain('GRIDSMART devices: 2 answered, 5 failed (of 7 polled)');
  });

  it('keeps the address of a device without cameras (§8.17 fixed)', async () => {
    await start(simulatedDevice({ site: { ...deviceSite(), CameraDevices: [] } }));
    const survey = await surveyDevices(polled(1), options());
    expect(survey.devices[0].address).toBe(simulator.address(0));
    expect(survey.devices[0].site.CameraDevices).toEqual([]);
  });

  it('reads / in street names as & for the site name', async () => {
    await start(simulatedDevice({ site: deviceSite({ street1: 'Lamar/Guadalupe', street2: 'MLK' }) }));
    expect((await surveyDevices(polled(1), options())).devices[0].siteBase).toBe('Lamar&Guadalupe_MLK');
  });

  it('refuses a device whose site name cannot be a file name, before asking it anything else', async () => {
    await start(simulatedDevice({ site: deviceSite({ street1: 'Lamar\\..', street2: 'Koenig' }) }));
    const survey = await surveyDevices(polled(1), options());
    expect(survey.devices).toEqual([]);
    expect(survey.failures[0].error).toMatchObject({ code: 'GS_UNSAFE_SITE_BASE' });
    expect((survey.failures[0].error as Error).message).toContain('contains a backslash');
    expect(simulator.requestsOf(0)).toEqual(['site.json']);
  });

  it('skips the second of two devices with one site name, reporting it', async () => {
    await start(simulatedDevice(), simulatedDevice());
    const survey = await surveyDevices(polled(2), options());
    expect(survey.devices.map((device) => device.address)).toEqual([simulator.address(0)]);
    expect(survey.failures[0].error).toMatchObject({ code: 'GS_DUPLICATE_SITE_BASE' });
    expect((survey.failures[0].error as Error).message).toContain(`has the site name Lamar_Koenig of device ${simulator.address(0)}`);
  });

  it('lists a day once when the device repeats it', async () => {
    await start(simulatedDevice({ listedDays: ['2020-03-04', '2020-03-04'] }));
    expect((await surveyDevices(polled(1), options())).devices[0].days).toEqual(['2020-03-04']);
  });

  it('talks to at most `concurrency` devices at once', async () => {
    await start(...Array.from({ length: 6 }, (_, k) => simulatedDevice({ site: deviceSite({ street1: `S${k}` }) })));
    let talking = 0;
    let most = 0;
    class CountingDevice extends GridsmartDevice {
      override async site() {
        most = Math.max(most, ++talking);
        return super.site();
      }
      override async countDays() {
        try {
          return await super.countDays();
        } finally {
          talking--;
        }
      }
    }
    const survey = await surveyDevices(polled(6), options({ concurrency: 2, connect: (address) => new CountingDevice(address, settings, { attempts: 1 }) }));
    expect(survey.devices).toHaveLength(6);
    expect(most).toBe(2);
  });

  it('survives an empty device list', async () => {
    await start(simulatedDevice());
    expect(await surveyDevices([], options())).toEqual({ devices: [], failures: [] });
  });
});

describe('unsafeBaseReason', () => {
  it('accepts street names with spaces, & and punctuation', () => {
    expect(unsafeBaseReason('Lamar&Guadalupe_MLK Jr.')).toBeNull();
    expect(unsafeBaseReason('_')).toBeNull();
  });

  it('refuses backslashes, control characters and names of dots', () => {
    expect(unsafeBaseReason('a\\b')).toBe('contains a backslash');
    expect(unsafeBaseReason('a\u0000b')).toBe('contains a control character');
    expect(unsafeBaseReason('a\nb')).toBe('contains a control character');
    expect(unsafeBaseReason('..')).toBe('is made only of dots and spaces');
    expect(unsafeBaseReason(' . ')).toBe('is made only of dots and spaces');
  });
});
