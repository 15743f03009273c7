import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runStage, type RunOptions } from '@lake/core';
import { DeviceSimulator, simulatedDevice, type SimulatedDevice } from '../test-support/device-simulator';
import { RAW, GsTestLake, gridsmartDevice } from '../test-support/gs-lake';
import { deviceSite, siteFile } from '../test-support/site-fixtures';
import { countsZip, csvOf, v8Row, CAMERA_MAC, GUID_NB } from '../test-support/zip-fixtures';
import { GridsmartInsert } from './gs-insert';

const CENTRAL = '(UTC-06:00) Central Time (US & Canada)';
const HARDWARE = { BoxSerialNumber: 'GS-0001', HardwareId: 'hw-1', HardwareVersion: '4' };

/** A distinct counts archive per device and day, so a stored file shows where it came from. */
function archiveOf(day: string, timestamp: number): Promise<Buffer> {
  return countsZip({ layout: 'A', cameras: [{ mac: CAMERA_MAC, day, zones: { [GUID_NB]: csvOf([v8Row({ timestamp })]) } }] });
}

describe('gs:insert', () => {
  let lake: GsTestLake;
  let simulator: DeviceSimulator;
  let lamar: SimulatedDevice; // NTP-synchronized, count version 8
  let burnet: SimulatedDevice; // its clock runs 37 s fast
  let retired: SimulatedDevice; // REMOVED in Knack: never asked
  const archives: Record<string, Buffer> = {};

  beforeAll(async () => {
    for (const day of ['2020-03-03', '2020-03-04', '2020-03-05', '2020-03-06']) {
      archives[`lamar ${day}`] = await archiveOf(day, 101010.1);
      archives[`burnet ${day}`] = await archiveOf(day, 202020.2);
    }
  });

  beforeEach(async () => {
    // now: 2020-03-06 01:30 CST; device clocks follow the lake's clock.
    lamar = simulatedDevice({
      counts: { '2020-03-03': archives['lamar 2020-03-03'], '2020-03-04': archives['lamar 2020-03-04'], '2020-03-05': archives['lamar 2020-03-05'], '2020-03-06': archives['lamar 2020-03-06'] },
    });
    burnet = simulatedDevice({
      site: deviceSite({ street1: 'Burnet', street2: 'Richcreek', mac: '00:30:53:26:e6:e2' }),
      driftSeconds: 37,
      counts: { '2020-03-04': archives['burnet 2020-03-04'], '2020-03-05': archives['burnet 2020-03-05'] },
    });
    retired = simulatedDevice({ site: deviceSite({ street1: 'Old', street2: 'Device' }), counts: { '2020-03-05': archives['lamar 2020-03-05'] } });
    simulator = await DeviceSimulator.start([lamar, burnet, retired], { now: () => lake.lake.time.now() });
    lake = new GsTestLake({ config: { sources: { gs: { port: simulator.port, requestTimeoutSeconds: 0.5, downloadTimeoutSeconds: 0.5 } } } });
    lake.writeUnitData([
      gridsmartDevice({ atd_device_id: 1, device_ip: simulator.address(0), primary_st: 'LAMAR BLVD', cross_st: 'KOENIG LN' }),
      gridsmartDevice({ atd_device_id: 2, device_ip: simulator.address(1), primary_st: 'BURNET RD', cross_st: 'RICHCREEK RD', ip_comm_status: 'OFFLINE' }),
      gridsmartDevice({ atd_device_id: 3, device_ip: simulator.address(2), device_status: ' removed ', primary_st: 'OLD RD' }),
      gridsmartDevice({ atd_device_id: 4, device_ip: ` ${simulator.address(1)} `, primary_st: 'DUPLICATE RD' }),
      gridsmartDevice({ atd_device_id: 5, device_ip: '127.0.0.99', atd_location_id: 'nan', primary_st: 'NOWHERE' }),
    ]);
  });

  afterEach(async () => {
    await simulator.close();
    await lake.dispose();
  });

  const insert = (options: RunOptions = {}) => runStage(new GridsmartInsert({ device: { attempts: 1 } }), { lastRunDate: '0', ...options }, lake.lake).finally(() => lake.advance(1));
  const zipKey = (base: string, day: string) => `${day.replace(/-/g, '/')}/gs/${base}_gs_${day}.zip`;
  const storedZip = (base: string, day: string) => fs.readFileSync(lake.stored(RAW, zipKey(base, day)));
  const downloads = (k: number) => simulator.requestsOf(k).filter((request) => request.startsWith('counts/bydate/'));

  it('stores each available day of every device as its ZIP, byte for byte, today withheld', async () => {
    const result = await insert();
    expect(result.failures).toEqual([]);
    expect(result.records).toBe(5);
    expect(await lake.catalogDays(RAW)).toEqual([
      'Lamar_Koenig zip 2020-03-03',
      'Burnet_Richcreek zip 2020-03-04',
      'Lamar_Koenig zip 2020-03-04',
      'Burnet_Richcreek zip 2020-03-05',
      'Lamar_Koenig zip 2020-03-05',
      'Austin unit_data.json 2020-03-06',
      'Burnet_Richcreek site.json 2020-03-06',
      'Lamar_Koenig site.json 2020-03-06',
    ]);
    expect(storedZip('Lamar_Koenig', '2020-03-04').equals(archives['lamar 2020-03-04'])).toBe(true);
    expect(storedZip('Burnet_Richcreek', '2020-03-05').equals(archives['burnet 2020-03-05'])).toBe(true);
    expect(downloads(0)).not.toContain('counts/bydate/2020-03-06');
  });

  it('works the items by date, then in Knack order, labelled YYYY-MM-DD_<base>.zip', async () => {
    await insert();
    const stored = lake.log
      .text()
      .split('\n')
      .filter((line) => /\.zip -> /.test(line))
      .map((line) => line.replace(/^.*INFO /, '').replace(/ ->.*$/, ''));
    expect(stored).toEqual([
      '2020-03-03_Lamar_Koenig.zip',
      '2020-03-04_Lamar_Koenig.zip',
      '2020-03-04_Burnet_Richcreek.zip',
      '2020-03-05_Lamar_Koenig.zip',
      '2020-03-05_Burnet_Richcreek.zip',
    ]);
    expect(lake.log.text()).toContain(`2020-03-04_Lamar_Koenig.zip -> ${RAW}:2020/03/04/gs/Lamar_Koenig_gs_2020-03-04.zip`);
  });

  it('writes one site file per device, dated the run day, with the clock reading and the host time', async () => {
    await insert();
    expect(lake.readJson(RAW, '2020/03/06/gs/Lamar_Koenig_gs_2020-03-06_site.json')).toEqual({
      header: {
        data_type: 'gs_site',
        target_filename: 'Lamar_Koenig_site_2020-03-06.json',
        collection_date: '2020-03-06 00:00:00-06:00',
        device_net_addr: simulator.address(0),
      },
      site: deviceSite(),
      datetime: { DateTime: '3/6/2020 1:30:00 AM', TimeZoneId: CENTRAL, HostTimeUTC: '03/06/2020 07:30:00 AM' },
      hardware_info: HARDWARE,
    });
    const drifting = lake.readJson(RAW, '2020/03/06/gs/Burnet_Richcreek_gs_2020-03-06_site.json');
    expect(drifting.datetime).toEqual({ DateTime: '3/6/2020 1:30:37 AM', TimeZoneId: CENTRAL, HostTimeUTC: '03/06/2020 07:30:00 AM' });
    expect(drifting.header.device_net_addr).toBe(simulator.address(1));
    const siteRows = (await lake.catalogRows(RAW)).filter((row) => row.ext === 'site.json');
    expect(siteRows.map((row) => lake.lake.time.format(row.collectionDate))).toEqual(['2020-03-06 00:00:00-06:00', '2020-03-06 00:00:00-06:00']);
  });

  it('polls only devices in service, each IP once, ignoring ip_comm_status', async () => {
    await insert();
    expect(simulator.requestsOf(2)).toEqual([]); // REMOVED
    // the duplicate row of Burnet's IP did not make it ask Burnet twice
    expect(simulator.requestsOf(1).filter((request) => request === 'site.json')).toEqual(['site.json']);
    expect(lake.log.text()).toContain(`GRIDSMART device DUPLICATE RD_KOENIG LN has the IP ${simulator.address(1)} of a device listed before it; skipped`);
    expect(lake.log.text()).toContain('GRIDSMART devices: 2 answered, 0 failed (of 2 polled)');
  });

  it('stores the day\'s unit data once, before the first item, in the raw repository', async () => {
    await insert();
    const unitRows = (await lake.catalogRows(RAW)).filter((row) => row.ext === 'unit_data.json');
    expect(unitRows).toHaveLength(1);
    expect(unitRows[0]).toMatchObject({ base: 'Austin', pointer: '2020/03/06/gs/Austin_gs_2020-03-06_unit_data.json' });
    const stored = lake.readEntry(unitRows[0]);
    expect(stored.header).toMatchObject({ data_type: 'gs_unit_data', collection_date: '2020-03-06 00:00:00-06:00' });
    expect(stored.devices.map((device: { atd_device_id: number }) => device.atd_device_id)).toEqual([1, 2, 3, 4, 5]);
    const log = lake.log.text();
    expect(log.indexOf('unit data -> ')).toBeLessThan(log.indexOf('2020-03-03_Lamar_Koenig.zip -> '));
  });

  it('does nothing on a rerun: no download, no site file, no unit data', async () => {
    await insert();
    const before = await lake.catalogRows(RAW);
    const downloaded = downloads(0).length + downloads(1).length;
    const rerun = await insert();
    expect(rerun.records).toBe(0);
    expect(rerun.failures).toEqual([]);
    expect(downloads(0).length + downloads(1).length).toBe(downloaded);
    expect(await lake.catalogRows(RAW)).toEqual(before);
  });

  it('asks for the window only: [start, end), exactly one day with start == end, today when an end is given', async () => {
    expect((await insert({ startDate: '2020-03-04', endDate: '2020-03-05' })).records).toBe(2);
    expect((await lake.catalogDays(RAW)).filter((row) => row.includes(' zip '))).toEqual(['Burnet_Richcreek zip 2020-03-04', 'Lamar_Koenig zip 2020-03-04']);

    expect((await insert({ startDate: '2020-03-05', endDate: '2020-03-05' })).records).toBe(2);
    expect(downloads(0)).toEqual(['counts/bydate/2020-03-04', 'counts/bydate/2020-03-05']);

    expect((await insert({ startDate: '2020-03-06', endDate: '2020-03-07' })).records).toBe(1);
    expect(storedZip('Lamar_Koenig', '2020-03-06').equals(archives['lamar 2020-03-06'])).toBe(true);
  });

  it('skips a base and day the raw repository already has, and fetches it again with -F', async () => {
    await lake.storeBytes(RAW, 'Lamar_Koenig', 'zip', '2020-03-04', 'stored earlier');
    // side files never make a day look done
    await lake.storeJson(RAW, 'Burnet_Richcreek', 'site.json', '2020-03-04', siteFile({ base: 'Burnet_Richcreek', day: '2020-03-04' }));
    const result = await insert();
    expect(result.records).toBe(4);
    expect(downloads(0)).toEqual(['counts/bydate/2020-03-03', 'counts/bydate/2020-03-05']);
    expect(downloads(1)).toEqual(['counts/bydate/2020-03-04', 'counts/bydate/2020-03-05']);
    expect(lake.readStored(RAW, zipKey('Lamar_Koenig', '2020-03-04'))).toBe('stored earlier');

    const forced = await insert({ force: true, startDate: '2020-03-04', endDate: '2020-03-05' });
    expect(forced.records).toBe(2);
    expect(storedZip('Lamar_Koenig', '2020-03-04').equals(archives['lamar 2020-03-04'])).toBe(true);
  });

  it('fails the days of a device whose downloads time out, and stores the other device\'s', async () => {
    lamar.faults.counts = 'hang';
    const result = await insert();
    expect(result.records).toBe(2);
    expect(result.failures.map((failure) => [failure.label, failure.code])).toEqual([
      ['2020-03-03_Lamar_Koenig.zip', 'DEVICE_UNREACHABLE'],
      ['2020-03-04_Lamar_Koenig.zip', 'DEVICE_UNREACHABLE'],
      ['2020-03-05_Lamar_Koenig.zip', 'DEVICE_UNREACHABLE'],
    ]);
    expect(result.failures[0].message).toContain('timed out');
    expect((await lake.catalogDays(RAW)).filter((row) => row.includes(' zip '))).toEqual(['Burnet_Richcreek zip 2020-03-04', 'Burnet_Richcreek zip 2020-03-05']);
    expect(fs.existsSync(lake.stored(RAW, zipKey('Lamar_Koenig', '2020-03-04')))).toBe(false);

    // the device is back: the next run fetches what is missing
    delete lamar.faults.counts;
    expect((await insert()).records).toBe(3);
  });

  it('refuses an HTML page served as a day\'s counts: reported, nothing stored or cataloged (§8.2 fixed)', async () => {
    burnet.faults.counts = 'html';
    const result = await insert();
    expect(result.records).toBe(3);
    expect(result.failures.map((failure) => [failure.label, failure.code])).toEqual([
      ['2020-03-04_Burnet_Richcreek.zip', 'DEVICE_ANSWER_NOT_ZIP'],
      ['2020-03-05_Burnet_Richcreek.zip', 'DEVICE_ANSWER_NOT_ZIP'],
    ]);
    expect(result.failures[0].message).toContain(`GRIDSMART device ${simulator.address(1)}: the counts of 2020-03-04 are not a ZIP archive`);
    const rows = await lake.catalogDays(RAW);
    expect(rows.filter((row) => row.startsWith('Burnet_Richcreek zip'))).toEqual([]);
    expect(fs.existsSync(lake.stored(RAW, zipKey('Burnet_Richcreek', '2020-03-04')))).toBe(false);
  });

  it('reports a device that does not answer and goes on with the others', async () => {
    lamar.faults.site = 'hang';
    const result = await insert();
    expect(result.records).toBe(2);
    expect(result.failures).toHaveLength(1);
    expect(result.failures[0]).toMatchObject({ label: `GRIDSMART device LAMAR BLVD_KOENIG LN (${simulator.address(0)})`, code: 'DEVICE_UNREACHABLE' });
    expect((await lake.catalogDays(RAW)).some((row) => row.startsWith('Lamar_Koenig'))).toBe(false);
  });

  it('reports a device answering something that is not JSON', async () => {
    burnet.faults.hardware = 'html';
    const result = await insert();
    expect(result.records).toBe(3);
    expect(result.failures.map((failure) => failure.code)).toEqual(['DEVICE_ANSWER_NOT_JSON']);
    expect(result.failures[0].message).toContain(`http://${simulator.address(1)}:${simulator.port}/api/system/hardwareinfo.json answered`);
  });

  it('keeps the address of a device without cameras in its site file (§8.17 fixed)', async () => {
    lamar.site = { ...deviceSite(), CameraDevices: [] };
    await insert({ name_filter: 'LAMAR' });
    const site = lake.readJson(RAW, '2020/03/06/gs/Lamar_Koenig_gs_2020-03-06_site.json');
    expect(site.header.device_net_addr).toBe(simulator.address(0));
    expect(site.site.CameraDevices).toEqual([]);
  });

  it('asks only the devices whose Knack name matches -f anywhere', async () => {
    const result = await insert({ name_filter: 'RICHCREEK' });
    expect(result.records).toBe(2);
    expect(simulator.requestsOf(0)).toEqual([]);
    expect((await lake.catalogDays(RAW)).filter((row) => row.includes(' zip '))).toEqual(['Burnet_Richcreek zip 2020-03-04', 'Burnet_Richcreek zip 2020-03-05']);
  });

  it('fails the run clearly for a name filter that is not a regular expression', async () => {
    const result = await insert({ name_filter: 'LAMAR(' });
    expect(result.records).toBe(0);
    expect(result.failures[0]).toMatchObject({ code: 'USAGE' });
    expect(result.failures[0].message).toContain('-f/--name_filter "LAMAR(" is not a regular expression');
  });

  it('fails the run clearly when there is no unit data, since it is the device list', async () => {
    fs.rmSync(path.join(lake.unitDataDir, 'Austin_gs_unit_data.json'));
    const result = await insert();
    expect(result.records).toBe(0);
    expect(result.failures).toHaveLength(1);
    expect(result.failures[0].code).toBe('GS_DEVICE_LIST_UNAVAILABLE');
    expect(result.failures[0].message).toContain('no GRIDSMART device list: the unit data could not be fetched');
    expect(simulator.requests).toEqual([]);
  });

  it('reads its settings from the run options too (they win over sources.gs)', async () => {
    const result = await insert({ port: 9, name_filter: 'LAMAR' }); // nothing listens on port 9
    expect(result.failures.map((failure) => failure.code)).toEqual(['DEVICE_UNREACHABLE']);
    expect(result.failures[0].message).toContain(`http://${simulator.address(0)}:9/api/site.json`);
  });

  it('writes nothing in simulation mode', async () => {
    const result = await insert({ simulate: true });
    expect(result.records).toBe(5);
    expect(await lake.catalogRows(RAW)).toEqual([]);
  });

  describe('with --sourcedir', () => {
    let folder: string;

    beforeEach(() => {
      folder = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-archive-'));
    });
    afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

    function archive(files: Record<string, string | Buffer>): void {
      for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(folder, name), content);
    }

    it('imports the archived ZIPs and their site files without asking any device', async () => {
      const site = siteFile({ base: 'Lamar_Koenig', day: '2020-03-02' });
      archive({
        'Lamar_Koenig_gs_2020-03-04.zip': archives['lamar 2020-03-04'],
        'Lamar_Koenig_gs_2020-03-03.zip': archives['lamar 2020-03-03'],
        'Lamar_Koenig_gs_2020-03-02_site.json': JSON.stringify(site),
        'Burnet_gs_Richcreek_gs_2020-03-04.zip': archives['burnet 2020-03-04'], // base: text before the last _gs_
        'Lamar_Koenig_gs_2020-03-06.zip': archives['lamar 2020-03-06'], // today
        'notes.txt': 'not an archive name',
      });
      const result = await insert({ sourcedir: folder });
      expect(result.failures).toEqual([]);
      expect(result.records).toBe(3);
      expect(simulator.requests).toEqual([]);
      expect(await lake.catalogDays(RAW)).toEqual([
        'Lamar_Koenig site.json 2020-03-02',
        'Lamar_Koenig zip 2020-03-03',
        'Burnet_gs_Richcreek zip 2020-03-04',
        'Lamar_Koenig zip 2020-03-04',
        'Austin unit_data.json 2020-03-06',
      ]);
      expect(storedZip('Burnet_gs_Richcreek', '2020-03-04').equals(archives['burnet 2020-03-04'])).toBe(true);
      expect(lake.readJson(RAW, '2020/03/02/gs/Lamar_Koenig_gs_2020-03-02_site.json')).toEqual(site);
      const log = lake.log.text();
      expect(log.indexOf('Lamar_Koenig_gs_2020-03-02_site.json -> ')).toBeLessThan(log.indexOf('Lamar_Koenig_gs_2020-03-03.zip -> '));
      expect((await insert({ sourcedir: folder })).records).toBe(0);
    });

    it('reports a file that is not a ZIP, or a broken site file, and imports the others', async () => {
      archive({
        'Lamar_Koenig_gs_2020-03-03.zip': '<html><body>Service unavailable</body></html>',
        'Lamar_Koenig_gs_2020-03-04.zip': archives['lamar 2020-03-04'],
        'Lamar_Koenig_gs_2020-03-04_site.json': '{"header": {"data_type": "gs_site"',
      });
      const result = await insert({ sourcedir: folder });
      expect(result.records).toBe(1);
      expect(result.failures.map((failure) => [path.basename(failure.label), failure.code])).toEqual([
        ['Lamar_Koenig_gs_2020-03-04_site.json', 'GS_INVALID_SITE_FILE'],
        ['Lamar_Koenig_gs_2020-03-03.zip', 'GS_FILE_NOT_ZIP'],
      ]);
      expect(result.failures[1].message).toContain('is not a ZIP archive (it starts with "<html><body>Service unav');
      expect(await lake.catalogDays(RAW)).toEqual(['Lamar_Koenig zip 2020-03-04', 'Austin unit_data.json 2020-03-06']);
    });

    it('needs no unit data: without it the files are imported all the same', async () => {
      fs.rmSync(path.join(lake.unitDataDir, 'Austin_gs_unit_data.json'));
      archive({ 'Lamar_Koenig_gs_2020-03-04.zip': archives['lamar 2020-03-04'] });
      const result = await insert({ sourcedir: folder });
      expect(result.failures).toEqual([]);
      expect(result.records).toBe(1);
      expect(await lake.catalogDays(RAW)).toEqual(['Lamar_Koenig zip 2020-03-04']);
      expect(lake.log.text()).toContain('WARN GRIDSMART unit data not stored:');
    });

    it('fails the run clearly when the folder cannot be read', async () => {
      const result = await insert({ sourcedir: path.join(folder, 'missing') });
      expect(result.failures[0]).toMatchObject({ code: 'SOURCE_FOLDER_UNREADABLE' });
    });
  });
});
