import { runStage, type RunOptions } from '@lake/core';
import { GsTestLake, RAW, STANDARDIZED, gridsmartDevice } from '../test-support/gs-lake';
import { deviceDateTime, deviceSite, siteFile } from '../test-support/site-fixtures';
import { CAMERA_MAC, GUID_NB, GUID_SB, countsZip, csvOf, v8Row } from '../test-support/zip-fixtures';
import { GridsmartStandard } from './gs-standard';

const BASE = 'Lamar_Koenig';
const OTHER = 'Burnet_Richcreek';

describe('gs:standard', () => {
  let lake: GsTestLake; // now: 2020-03-06 01:30 CST

  beforeEach(() => {
    lake = new GsTestLake();
  });

  afterEach(async () => {
    await lake.dispose();
  });

  async function storeZip(base: string, day: string, zones: Record<string, string>, layout: 'A' | 'B' = 'A') {
    await lake.storeBytes(RAW, base, 'zip', day, await countsZip({ layout, cameras: [{ mac: CAMERA_MAC, day, zones }] }));
  }

  async function storeSite(base: string, day: string, options: Parameters<typeof siteFile>[0] = {}) {
    const [street1, street2] = base.split('_');
    await lake.storeJson(RAW, base, 'site.json', day, siteFile({ base, day, site: deviceSite({ street1, street2 }), ...options }));
  }

  async function standardize(options: RunOptions = {}) {
    const result = await runStage(new GridsmartStandard(), { lastRunDate: '0', ...options }, lake.lake);
    lake.advance(1);
    return result;
  }

  const zoneFile = (base: string, guid: string, day: string) => lake.readJson(STANDARDIZED, `${day.replace(/-/g, '/')}/gs/${base}_gs_${day}_${guid}.json`);

  it('writes one JSON per zone, copies the site file and unit data, and records perfmet', async () => {
    await storeZip(BASE, '2020-03-04', {
      [GUID_NB]: csvOf([v8Row({ timestamp: 3.4 }), v8Row({ timestamp: 235959.9 })]),
      [GUID_SB]: csvOf([v8Row({ timestamp: 120000, utc_offset: -360 })]),
    });
    await storeSite(BASE, '2020-03-05');
    await lake.storeUnitData(RAW, '2020-03-05', [gridsmartDevice()]);

    const result = await standardize();
    expect(result.failures).toEqual([]);
    expect(result.records).toBe(3);
    expect(await lake.catalogDays(STANDARDIZED)).toEqual([
      `${BASE} ${GUID_NB}.json 2020-03-04`,
      `${BASE} ${GUID_SB}.json 2020-03-04`,
      'Austin unit_data.json 2020-03-05',
      `${BASE} site.json 2020-03-05`,
    ]);

    const file = zoneFile(BASE, GUID_NB, '2020-03-04');
    expect(file.header).toEqual({
      data_type: 'gridsmart',
      zip_name: `${BASE}_gs_2020-03-04.zip`,
      origin_filename: `${GUID_NB}.csv`,
      target_filename: `${BASE}_${GUID_NB}_2020-03-04.json`,
      collection_date: '2020-03-04 00:00:00-06:00',
      processing_date: '2020-03-06 01:30:00-06:00',
      version: 8,
      guid: GUID_NB,
      day_covered: 0,
    });
    expect(file.data.map((record: Record<string, unknown>) => record.timestamp_adj)).toEqual(['2020-03-04 00:00:03.400000-06:00', '2020-03-04 23:59:59.900000-06:00']);
    expect(zoneFile(BASE, GUID_SB, '2020-03-04').data[0].timestamp_adj).toBe('2020-03-04 12:00:00-06:00');

    const site = lake.readJson(STANDARDIZED, `2020/03/05/gs/${BASE}_gs_2020-03-05_site.json`);
    expect(site.header.collection_date).toBe('2020-03-05 00:00:00-06:00');
    expect(site.datetime).toEqual(deviceDateTime());
    expect(lake.readJson(STANDARDIZED, '2020/03/05/gs/Austin_gs_2020-03-05_unit_data.json').devices).toEqual([gridsmartDevice()]);

    expect(await lake.observations()).toEqual([
      {
        dataSource: 'GRIDSMART',
        sensorName: BASE,
        dataType: 'Vehicle Counts',
        data: 3,
        expected: null,
        collectionDate: lake.lake.time.dayStart('2020-03-04'),
        // Pre-correction UTC instants, written localized.
        timestampMin: '2020-03-04 00:00:03.400000-06:00',
        timestampMax: '2020-03-04 23:59:59.900000-06:00',
      },
    ]);
  });

  it('does nothing on a rerun', async () => {
    await storeZip(BASE, '2020-03-04', { [GUID_NB]: csvOf([v8Row()]) });
    await storeSite(BASE, '2020-03-05');
    await standardize();
    const rows = await lake.catalogRows(STANDARDIZED);
    const again = await standardize();
    expect(again).toMatchObject({ items: 0, records: 0, failures: [] });
    expect(await lake.catalogRows(STANDARDIZED)).toEqual(rows);
  });

  it('corrects record times by the site file clock offset and flags the adjacent day', async () => {
    await storeZip(BASE, '2020-03-04', { [GUID_NB]: csvOf([v8Row({ timestamp: 0 })]) });
    // The device is 10 minutes slow: the host was 600 s ahead.
    await storeSite(BASE, '2020-03-05', { datetime: deviceDateTime({ HostTimeUTC: '03/05/2020 07:41:02 AM' }) });
    await standardize();
    const file = zoneFile(BASE, GUID_NB, '2020-03-04');
    expect(file.header.day_covered).toBe(1);
    expect(file.data[0].timestamp_adj).toBe('2020-03-04 00:10:00-06:00');
    // perfmet keeps the device's own (pre-correction) instants.
    expect(await lake.observations()).toEqual([expect.objectContaining({ data: 1, timestampMin: '2020-03-04 00:00:00-06:00', timestampMax: '2020-03-04 00:00:00-06:00' })]);
  });

  it('reads a Type B archive', async () => {
    await storeZip(BASE, '2020-03-04', { [GUID_NB]: csvOf([v8Row()]) }, 'B');
    await storeSite(BASE, '2020-03-05');
    const result = await standardize();
    expect(result).toMatchObject({ records: 1, failures: [] });
    expect(zoneFile(BASE, GUID_NB, '2020-03-04').data).toHaveLength(1);
  });

  it('fails a ZIP that is not one and goes on with the others, writing nothing for it', async () => {
    await lake.storeBytes(RAW, BASE, 'zip', '2020-03-04', '<html>Internal Server Error</html>');
    await storeZip(OTHER, '2020-03-04', { [GUID_SB]: csvOf([v8Row()]) });
    await storeSite(BASE, '2020-03-05');
    await storeSite(OTHER, '2020-03-05');
    const result = await standardize();
    expect(result.failures).toEqual([expect.objectContaining({ label: `2020/03/04/gs/${BASE}_gs_2020-03-04.zip`, code: 'GS_CORRUPT_ZIP' })]);
    expect(result.records).toBe(1);
    expect((await lake.catalogDays(STANDARDIZED)).filter((row) => row.startsWith(BASE))).toEqual([]);
    expect(await lake.catalogDays(STANDARDIZED)).toContain(`${OTHER} ${GUID_SB}.json 2020-03-04`);
    // Failed, so retried on the next run; the good one is not.
    const again = await standardize();
    expect(again.items).toBe(1);
  });

  it('fails a day without any site file', async () => {
    await storeZip(BASE, '2020-03-04', { [GUID_NB]: csvOf([v8Row()]) });
    const result = await standardize();
    expect(result.failures).toEqual([expect.objectContaining({ code: 'GS_NO_SITE_FILE', message: expect.stringMatching(/^No site file for Lamar_Koenig/) })]);
    expect(await lake.catalogRows(STANDARDIZED)).toEqual([]);
  });

  it('reports a zone file of an unsupported version and keeps the other zones', async () => {
    await storeZip(BASE, '2020-03-04', { [GUID_NB]: csvOf([v8Row({ count_version: 9 })]), [GUID_SB]: csvOf([v8Row()]) });
    await storeSite(BASE, '2020-03-05');
    const result = await standardize();
    expect(result.failures).toEqual([expect.objectContaining({ label: expect.stringContaining(`zone ${GUID_NB}`), message: expect.stringContaining(`${GUID_NB}.csv line 1: count_version 9 is not supported`) })]);
    expect((await lake.catalogDays(STANDARDIZED)).filter((row) => row.includes('.json 2020-03-04'))).toEqual([`${BASE} ${GUID_SB}.json 2020-03-04`]);
  });

  it('refuses an archive that unpacks to more than maxUnzippedMiB', async () => {
    await storeZip(BASE, '2020-03-04', { [GUID_NB]: csvOf(Array.from({ length: 100 }, () => v8Row())) });
    await storeSite(BASE, '2020-03-05');
    const result = await standardize({ maxUnzippedMiB: 0.001 });
    expect(result.failures).toEqual([expect.objectContaining({ code: 'GS_ZIP_TOO_LARGE' })]);
    expect(await lake.catalogRows(STANDARDIZED)).toEqual([]);
  });

  it('copies each unit-data snapshot once per run and the site file once', async () => {
    await storeZip(BASE, '2020-03-03', { [GUID_NB]: csvOf([v8Row()]) });
    await storeZip(BASE, '2020-03-04', { [GUID_NB]: csvOf([v8Row()]) });
    await storeSite(BASE, '2020-03-05');
    await lake.storeUnitData(RAW, '2020-03-05', [gridsmartDevice()]);
    const result = await standardize();
    expect(result.failures).toEqual([]);
    expect(lake.log.lines.filter((line) => line.includes('unit data -> '))).toHaveLength(1);
    expect((await lake.catalogDays(STANDARDIZED)).filter((row) => / (site|unit_data)\.json /.test(row))).toEqual([
      'Austin unit_data.json 2020-03-05',
      `${BASE} site.json 2020-03-05`,
    ]);
  });

  it('goes on without unit data, with a warning', async () => {
    await storeZip(BASE, '2020-03-04', { [GUID_NB]: csvOf([v8Row()]) });
    await storeSite(BASE, '2020-03-05');
    const result = await standardize();
    expect(result).toMatchObject({ records: 1, failures: [] });
    expect(lake.log.lines).toContainEqual(expect.stringMatching(/^WARN no gs unit data in atd-datalake-raw; gs:ready will need it/));
  });

  it('writes an empty zone file with the archive version and no v8 day_covered', async () => {
    await storeZip(BASE, '2020-03-04', { [GUID_NB]: '', [GUID_SB]: csvOf([v8Row()]) });
    await storeSite(BASE, '2020-03-05');
    await standardize();
    const empty = zoneFile(BASE, GUID_NB, '2020-03-04');
    expect(empty.header.version).toBe(8);
    expect(empty.header.day_covered).toBeUndefined();
    expect(empty.data).toEqual([]);
    expect(zoneFile(BASE, GUID_SB, '2020-03-04').header.day_covered).toBe(0);
  });
});
