import { runStage, type RunOptions } from '@lake/core';
import { countRecord, storeZone } from '../ready/test-support/zone-fixtures';
import { gridsmartDevice, GsTestLake, READY, STANDARDIZED } from '../test-support/gs-lake';
import { dashGuid } from '../site/site-file';
import { deviceSite, siteFile, ZONE_NB, ZONE_SB, type SiteFixture } from '../test-support/site-fixtures';
import { GridsmartReady } from './gs-ready';

const NB_GUID = '0a1b2c3d-0000-4e5f-8a9b-112233445566';
const ZONE_EXTRA = 'ffeeddccbbaa99887766554433221100';

describe('gs:ready', () => {
  let lake: GsTestLake;

  afterEach(async () => {
    await lake.dispose();
  });

  async function ready(options: RunOptions = {}) {
    const result = await runStage(new GridsmartReady(), { lastRunDate: '0', ...options }, lake.lake);
    lake.advance(1);
    return result;
  }

  async function storeSite(day: string, fixture: SiteFixture = {}, base = 'Lamar_Koenig', netAddr?: string | null) {
    await lake.storeJson(STANDARDIZED, base, 'site.json', day, siteFile({ base, day, site: deviceSite(fixture), netAddr }));
  }

  async function readyFiles() {
    const rows = (await lake.catalogRows(READY)).filter((row) => row.ext === 'counts.json');
    return rows.map((row) => ({ day: lake.lake.time.calendarDate(row.collectionDate), base: row.base, pointer: row.pointer, file: lake.readEntry(row) }));
  }

  async function readyFile(base = 'Lamar_Koenig') {
    const files = (await readyFiles()).filter((file) => file.base === base);
    expect(files).toHaveLength(1);
    return files[0].file;
  }

  const times = (file: { counts: Record<string, unknown>[] }) => file.counts.map((record) => `${record.timestamp_adj} ${String(record.zone).slice(0, 4)}`);

  describe('on an ordinary day (now 2020-03-06 01:30 CST)', () => {
    beforeEach(async () => {
      lake = new GsTestLake();
      await lake.storeUnitData(STANDARDIZED, '2020-03-06', [gridsmartDevice()]);
    });

    it('writes the day of every zone in time order, with the site file and the matched device', async () => {
      await storeSite('2020-03-04');
      await storeZone(lake, ZONE_NB, '2020-03-04', [countRecord('2020-03-04 00:00:05.100000-06:00'), countRecord('2020-03-04 08:00:00-06:00')], { dayCovered: 0 });
      await storeZone(lake, ZONE_SB, '2020-03-04', [countRecord('2020-03-04 00:00:03-06:00'), countRecord('2020-03-04 07:00:00-06:00')], { dayCovered: 0 });
      const result = await ready();
      expect(result.failures).toEqual([]);
      expect([result.items, result.records]).toEqual([1, 4]);

      const [written] = await readyFiles();
      expect(written.pointer).toBe('2020/03/04/gs/Lamar_Koenig_gs_2020-03-04_counts.json');
      const file = written.file;
      expect(Object.keys(file)).toEqual(['header', 'counts', 'site', 'device']);
      expect(file.header).toEqual({
        data_type: 'gridsmart',
        zip_name: 'Lamar_Koenig_gs_2020-03-04.zip',
        collection_date: '2020-03-04 00:00:00-06:00',
        processing_date: '2020-03-06 01:30:00-06:00',
        version: 8,
      });
      expect(times(file)).toEqual([
        '2020-03-04 00:00:03-06:00 2c6d',
        '2020-03-04 00:00:05.100000-06:00 0a1b',
        '2020-03-04 07:00:00-06:00 2c6d',
        '2020-03-04 08:00:00-06:00 0a1b',
      ]);
      expect(file.counts[1]).toEqual({ ...countRecord('2020-03-04 00:00:05.100000-06:00'), zone: ZONE_NB });
      expect(Object.keys(file.counts[1]).at(-1)).toBe('zone');
      expect(file.site).toEqual(siteFile({ day: '2020-03-04', site: deviceSite() }));
      expect(file.device).toEqual({ ...gridsmartDevice(), reversed: false });
    });

    it('takes a busy zone of 200 000 records in a day whole (no argument-list limit)', async () => {
      await storeSite('2020-03-04');
      const start = lake.lake.time.dayStart('2020-03-04').getTime();
      const busy = Array.from({ length: 200_000 }, (_, index) => ({ timestamp_adj: lake.lake.time.format(new Date(start + index * 400)), speed: 30 }));
      await storeZone(lake, ZONE_NB, '2020-03-04', busy, { dayCovered: 0 });
      const result = await ready();
      expect(result.failures).toEqual([]);
      expect(result.records).toBe(200_000);
    });

    it('sorts a day larger than sortMemoryRecords through the temp dir into the same bytes, equal instants in gathering order', async () => {
      const window = { startDate: '2020-03-05', endDate: '2020-03-06' };
      await storeSite('2020-03-05');
      const start = lake.lake.time.dayStart('2020-03-05').getTime();
      /** Records at `msOf(n)` after midnight, tagged `<name>-<n>`, with their instant for the reference order. */
      const zoneRecords = (name: string, count: number, msOf: (n: number) => number) =>
        Array.from({ length: count }, (_, n) => ({ ms: msOf(n), seq: `${name}-${n}`, record: countRecord(lake.lake.time.format(new Date(start + msOf(n))), { seq: `${name}-${n}` }) }));
      // Both zones start their day late (day_covered 1); many instants are shared within and across zones.
      const nb = zoneRecords('nb', 1500, (n) => 600_000 + Math.floor(n / 2) * 1000);
      const nbPrevious = zoneRecords('nbPrev', 300, (n) => Math.floor(n / 2) * 2000);
      const sb = zoneRecords('sb', 1500, (n) => 600_000 + Math.floor(n / 3) * 1000);
      // SB's previous-day file stops after a thousand records (read and handed on in several chunks): none of it is used.
      const sbPrevious = zoneRecords('sbPrev', 1000, (n) => n * 500);
      await storeZone(lake, ZONE_NB, '2020-03-05', nb.map((count) => count.record), { dayCovered: 1 });
      await storeZone(lake, ZONE_NB, '2020-03-04', nbPrevious.map((count) => count.record), { dayCovered: 1 });
      await storeZone(lake, ZONE_SB, '2020-03-05', sb.map((count) => count.record), { dayCovered: 1 });
      await storeZone(lake, ZONE_SB, '2020-03-04', [...sbPrevious.map((count) => count.record), countRecord(undefined)], { dayCovered: 1 });

      const spilled = await ready({ ...window, sortMemoryRecords: 32 });
      expect([spilled.failures, spilled.records]).toEqual([[], 3300]);
      const [{ pointer }] = await readyFiles();
      const throughTempFiles = lake.readStored(READY, pointer);
      // Gathering order is NB's day, NB's previous day, SB's day; the sort is stable.
      const expected = [...nb, ...nbPrevious, ...sb].sort((a, b) => a.ms - b.ms).map((count) => count.seq);
      expect(JSON.parse(throughTempFiles).counts.map((record: { seq: string }) => record.seq)).toEqual(expected);
      expect(lake.log.text()).toContain(`only 2020-03-05's file of zone ${dashGuid(ZONE_SB)} used`);

      const inMemory = await ready({ ...window, force: true });
      expect(inMemory.records).toBe(3300);
      const processingDate = /"processing_date":"[^"]*"/;
      expect(lake.readStored(READY, pointer).replace(processingDate, '')).toBe(throughTempFiles.replace(processingDate, ''));
    });

    it('reads the legacy bare NaN of zone files and writes null', async () => {
      await storeSite('2020-03-04');
      const text = '{"header": {"data_type": "gridsmart", "zip_name": "Lamar_Koenig_gs_2020-03-04.zip", "collection_date": "2020-03-04 00:00:00-06:00", "version": 8, "day_covered": 0},\n "data": [{"speed": NaN, "timestamp_adj": "2020-03-04 10:00:00-06:00"}]}';
      await lake.storeBytes(STANDARDIZED, 'Lamar_Koenig', `${NB_GUID}.json`, '2020-03-04', text);
      await ready();
      expect((await readyFile()).counts).toEqual([{ speed: null, timestamp_adj: '2020-03-04 10:00:00-06:00', zone: ZONE_NB }]);
    });

    describe('day_covered 1: the start of the local day is in the previous day\'s files', () => {
      const window = { startDate: '2020-03-05', endDate: '2020-03-06' };

      beforeEach(async () => {
        await storeSite('2020-03-05', { zones: [{ id: ZONE_NB }] });
        await storeZone(lake, ZONE_NB, '2020-03-05', [countRecord('2020-03-05 00:30:00-06:00'), countRecord('2020-03-06 00:10:00-06:00')], { dayCovered: 1 });
      });

      it('adds the records of the previous day\'s file that fall in the day', async () => {
        await storeZone(lake, ZONE_NB, '2020-03-04', [countRecord('2020-03-04 23:00:00-06:00'), countRecord('2020-03-05 00:05:00-06:00')], { dayCovered: 1 });
        const result = await ready(window);
        expect(result.records).toBe(2);
        expect(times(await readyFile())).toEqual(['2020-03-05 00:05:00-06:00 0a1b', '2020-03-05 00:30:00-06:00 0a1b']);
      });

      it('waits (writes nothing, fails nothing) while the previous day\'s file is missing', async () => {
        const result = await ready(window);
        expect(result.failures).toEqual([]);
        expect([result.items, result.records]).toEqual([1, 0]);
        expect(await readyFiles()).toEqual([]);
        expect(lake.log.text()).toContain(`WARN Lamar_Koenig: zone ${NB_GUID}: no standardized file for the previous day 2020-03-04`);
        expect(lake.log.text()).toContain(
          `WARN Lamar_Koenig 2020-03-05: waits for the previous day's data (zones ${NB_GUID}); not written now, retried automatically on the next run (-p/--ignore_prev writes it without them)`,
        );
        // The next run offers the day again
        expect((await ready(window)).items).toBe(1);
      });

      it('writes the day without the previous day\'s data with -p', async () => {
        const result = await ready({ ...window, 'ignore_prev': true });
        expect(result.records).toBe(1);
        expect(times(await readyFile())).toEqual(['2020-03-05 00:30:00-06:00 0a1b']);
      });

      it('is not helped by -n', async () => {
        expect((await ready({ ...window, 'ignore_next': true })).records).toBe(0);
      });
    });

    describe('day_covered -1: the end of the local day is in the next day\'s files', () => {
      const window = { startDate: '2020-03-04', endDate: '2020-03-05' };

      beforeEach(async () => {
        await storeSite('2020-03-04', { zones: [{ id: ZONE_NB }] });
        await storeZone(lake, ZONE_NB, '2020-03-04', [countRecord('2020-03-03 23:58:00-06:00'), countRecord('2020-03-04 23:50:00-06:00')], { dayCovered: -1 });
      });

      it('adds the records of the next day\'s file that fall in the day', async () => {
        await storeZone(lake, ZONE_NB, '2020-03-05', [countRecord('2020-03-04 23:59:59.900000-06:00'), countRecord('2020-03-05 00:00:00-06:00')], { dayCovered: -1 });
        await ready(window);
        expect(times(await readyFile())).toEqual(['2020-03-04 23:50:00-06:00 0a1b', '2020-03-04 23:59:59.900000-06:00 0a1b']);
      });

      it('waits while the next day\'s file is missing, and writes without it with -n', async () => {
        expect((await ready(window)).records).toBe(0);
        expect(lake.log.text()).toContain("WARN Lamar_Koenig 2020-03-04: waits for the next day's data");
        expect((await ready({ ...window, 'ignore_prev': true })).records).toBe(0);
        expect((await ready({ ...window, 'ignore_next': true })).records).toBe(1);
        expect(times(await readyFile())).toEqual(['2020-03-04 23:50:00-06:00 0a1b']);
      });
    });

    it('uses only the day\'s file when day_covered is 0, even if the adjacent days have files', async () => {
      await storeSite('2020-03-04', { zones: [{ id: ZONE_NB }] });
      await storeZone(lake, ZONE_NB, '2020-03-03', [countRecord('2020-03-04 00:01:00-06:00')], { dayCovered: 0 });
      await storeZone(lake, ZONE_NB, '2020-03-04', [countRecord('2020-03-04 00:02:00-06:00')], { dayCovered: 0 });
      await storeZone(lake, ZONE_NB, '2020-03-05', [countRecord('2020-03-04 23:59:00-06:00')], { dayCovered: 0 });
      await ready({ startDate: '2020-03-04', endDate: '2020-03-05' });
      expect(times(await readyFile())).toEqual(['2020-03-04 00:02:00-06:00 0a1b']);
    });

    it('goes on without a zone whose file of the day is missing, and says which', async () => {
      await storeSite('2020-03-04');
      await storeZone(lake, ZONE_SB, '2020-03-04', [countRecord('2020-03-04 10:00:00-06:00')], { dayCovered: 0 });
      expect((await ready()).records).toBe(1);
      expect(times(await readyFile())).toEqual(['2020-03-04 10:00:00-06:00 2c6d']);
      expect(lake.log.text()).toContain(`WARN Lamar_Koenig: zone ${NB_GUID}: no standardized file for 2020-03-04; skipped`);
    });

    it('waits when one zone lacks its adjacent-day file, though the others have theirs', async () => {
      await storeSite('2020-03-05');
      await storeZone(lake, ZONE_NB, '2020-03-05', [countRecord('2020-03-05 10:00:00-06:00')], { dayCovered: 1 });
      await storeZone(lake, ZONE_SB, '2020-03-05', [countRecord('2020-03-05 11:00:00-06:00')], { dayCovered: 1 });
      await storeZone(lake, ZONE_SB, '2020-03-04', [countRecord('2020-03-05 00:01:00-06:00')], { dayCovered: 1 });
      const window = { startDate: '2020-03-05', endDate: '2020-03-06' };
      expect((await ready(window)).records).toBe(0);
      expect(lake.log.text()).toContain(`waits for the previous day's data (zones ${NB_GUID})`);
      await ready({ ...window, 'ignore_prev': true });
      expect(times(await readyFile())).toEqual(['2020-03-05 00:01:00-06:00 2c6d', '2020-03-05 10:00:00-06:00 0a1b', '2020-03-05 11:00:00-06:00 2c6d']);
    });

    it('skips the zones of unconfigured cameras and zones not included in data', async () => {
      await storeSite('2020-03-04', {
        zones: [{ id: ZONE_NB }, { id: ZONE_SB, includeInData: false }],
        moreCameras: [{ mac: '00:30:53:26:e6:e2', configured: false, zones: [{ id: ZONE_EXTRA }] }],
      });
      for (const zone of [ZONE_NB, ZONE_SB, ZONE_EXTRA]) await storeZone(lake, zone, '2020-03-04', [countRecord('2020-03-04 10:00:00-06:00')], { dayCovered: 0 });
      expect((await ready()).records).toBe(1);
      expect((await readyFile()).counts.map((record: Record<string, unknown>) => record.zone)).toEqual([ZONE_NB]);
    });

    it('drops a zone whose day file has a record without timestamp_adj (nothing of it, no adjacent read)', async () => {
      await storeSite('2020-03-04');
      await storeZone(lake, ZONE_NB, '2020-03-04', [countRecord('2020-03-04 09:00:00-06:00'), countRecord(undefined)], { dayCovered: 1 });
      await storeZone(lake, ZONE_SB, '2020-03-04', [countRecord('2020-03-04 10:00:00-06:00')], { dayCovered: 0 });
      const result = await ready({ startDate: '2020-03-04', endDate: '2020-03-05' });
      // NB's previous day is missing, but NB stopped before its adjacent day was looked at
      expect(result.records).toBe(1);
      expect(times(await readyFile())).toEqual(['2020-03-04 10:00:00-06:00 2c6d']);
      expect(lake.log.text()).toContain(`record 1 has no readable timestamp_adj (the clock correction failed when it was standardized); zone ${NB_GUID} skipped`);
    });

    it('keeps the day\'s records of a zone whose adjacent file has a record without timestamp_adj', async () => {
      await storeSite('2020-03-05', { zones: [{ id: ZONE_NB }] });
      await storeZone(lake, ZONE_NB, '2020-03-05', [countRecord('2020-03-05 09:00:00-06:00')], { dayCovered: 1 });
      await storeZone(lake, ZONE_NB, '2020-03-04', [countRecord('2020-03-05 00:01:00-06:00'), countRecord(undefined)], { dayCovered: 1 });
      const result = await ready({ startDate: '2020-03-05', endDate: '2020-03-06' });
      expect(result.records).toBe(1);
      const file = await readyFile();
      expect(times(file)).toEqual(['2020-03-05 09:00:00-06:00 0a1b']);
      // The header still comes from the day's zone file
      expect(file.header.zip_name).toBe('Lamar_Koenig_gs_2020-03-05.zip');
    });

    it('writes nothing (and fails nothing) when no zone has records in the day', async () => {
      await storeSite('2020-03-04');
      await storeZone(lake, ZONE_NB, '2020-03-04', [countRecord('2020-03-05 10:00:00-06:00')], { dayCovered: 0 });
      const result = await ready();
      expect([result.failures, result.records]).toEqual([[], 0]);
      expect(await readyFiles()).toEqual([]);
      expect(lake.log.text()).toContain('WARN Lamar_Koenig 2020-03-04: no counts were found; nothing written');
    });

    it('writes device [] when no unit-data device matches the site', async () => {
      await lake.storeUnitData(STANDARDIZED, '2020-03-05', [gridsmartDevice({ primary_st: 'BURNET RD', cross_st: 'RICHCREEK RD', device_ip: '10.9.9.9', lat: 30.4, lon: -97.8 })]);
      await storeSite('2020-03-04');
      await storeZone(lake, ZONE_NB, '2020-03-04', [countRecord('2020-03-04 10:00:00-06:00')], { dayCovered: 0 });
      await ready();
      expect((await readyFile()).device).toEqual([]);
    });

    it('marks a match of reversed street order, without changing the unit data for the next intersection', async () => {
      await storeSite('2020-03-04', { street1: 'Koenig', street2: 'Lamar' }, 'Koenig_Lamar');
      await storeSite('2020-03-04', {}, 'Lamar_Koenig');
      for (const base of ['Koenig_Lamar', 'Lamar_Koenig']) await storeZone(lake, ZONE_NB, '2020-03-04', [countRecord('2020-03-04 10:00:00-06:00')], { dayCovered: 0, base });
      await ready();
      expect((await readyFile('Koenig_Lamar')).device).toMatchObject({ primary_st: 'LAMAR BLVD', reversed: true });
      expect((await readyFile('Lamar_Koenig')).device).toMatchObject({ primary_st: 'LAMAR BLVD', reversed: false });
      const unitData = (await lake.catalogRows(STANDARDIZED)).find((row) => row.ext === 'unit_data.json')!;
      expect(lake.readEntry(unitData).devices[0]).not.toHaveProperty('reversed');
    });

    it('matches with the unit data collected after the day', async () => {
      await lake.storeUnitData(STANDARDIZED, '2020-03-04', [gridsmartDevice({ atd_device_id: 1 })]);
      await lake.storeUnitData(STANDARDIZED, '2020-03-05', [gridsmartDevice({ atd_device_id: 2 })]);
      await storeSite('2020-03-04');
      await storeZone(lake, ZONE_NB, '2020-03-04', [countRecord('2020-03-04 10:00:00-06:00')], { dayCovered: 0 });
      await ready();
      expect((await readyFile()).device.atd_device_id).toBe(2);
    });

    it('fails an intersection without a site file and goes on with the others', async () => {
      await storeSite('2020-03-04', {}, 'Lamar_Koenig');
      for (const base of ['Burnet_Richcreek', 'Lamar_Koenig']) await storeZone(lake, ZONE_NB, '2020-03-04', [countRecord('2020-03-04 10:00:00-06:00')], { dayCovered: 0, base });
      const result = await ready();
      expect(result.failures).toHaveLength(1);
      expect(result.failures[0]).toMatchObject({
        label: 'Burnet_Richcreek_gs_2020-03-04_counts.json',
        code: 'SITE_FILE_MISSING',
        message: 'no GRIDSMART site file for Burnet_Richcreek in atd-datalake-rawjson to describe 2020-03-04',
      });
      expect((await readyFiles()).map((file) => file.base)).toEqual(['Lamar_Koenig']);
    });

    it('does nothing on a rerun and rewrites the day with -F; aggregation files do not count as done', async () => {
      await storeSite('2020-03-04');
      await storeZone(lake, ZONE_NB, '2020-03-04', [countRecord('2020-03-04 10:00:00-06:00')], { dayCovered: 0 });
      await lake.storeJson(READY, 'Lamar_Koenig', 'agg15.json', '2020-03-04', { header: {}, data: [] });
      expect((await ready()).records).toBe(1);
      const rerun = await ready();
      expect([rerun.items, rerun.records]).toEqual([0, 0]);
      const forced = await ready({ force: true });
      expect([forced.items, forced.records]).toEqual([1, 1]);
      expect((await readyFile()).header.processing_date).toBe('2020-03-06 01:32:00-06:00');
      expect(await lake.catalogDays(READY)).toEqual(['Lamar_Koenig agg15.json 2020-03-04', 'Lamar_Koenig counts.json 2020-03-04']);
    });
  });

  it('fails every intersection of a day clearly when there is no unit data at all', async () => {
    lake = new GsTestLake();
    for (const base of ['Burnet_Richcreek', 'Lamar_Koenig']) {
      await lake.storeJson(STANDARDIZED, base, 'site.json', '2020-03-04', siteFile({ base, day: '2020-03-04' }));
      await storeZone(lake, ZONE_NB, '2020-03-04', [countRecord('2020-03-04 10:00:00-06:00')], { dayCovered: 0, base });
    }
    const result = await ready();
    expect(result.failures.map((failure) => [failure.label, failure.code])).toEqual([
      ['Burnet_Richcreek_gs_2020-03-04_counts.json', 'UNIT_DATA_MISSING'],
      ['Lamar_Koenig_gs_2020-03-04_counts.json', 'UNIT_DATA_MISSING'],
    ]);
    expect(result.failures[0].message).toBe('no GRIDSMART unit data in atd-datalake-rawjson to match the devices of 2020-03-04');
    expect(await lake.catalogDays(READY)).toEqual([]);
  });

  it('keeps the 23 hours of the spring-forward day: 00:00:00.0 CST in, 00:00:00.0 CDT of the next day out', async () => {
    lake = new GsTestLake({ now: '2020-03-10T12:00:00Z' });
    await lake.storeUnitData(STANDARDIZED, '2020-03-09', [gridsmartDevice()]);
    await storeSite('2020-03-08', { zones: [{ id: ZONE_NB }] });
    await storeZone(
      lake,
      ZONE_NB,
      '2020-03-08',
      [
        countRecord('2020-03-07 23:59:59.900000-06:00'),
        countRecord('2020-03-08 00:00:00-06:00'),
        countRecord('2020-03-08 03:00:00-05:00'),
        countRecord('2020-03-08 23:59:59.900000-05:00'),
        countRecord('2020-03-09 00:00:00.0-05:00'),
      ],
      { dayCovered: 0 },
    );
    await ready();
    expect(times(await readyFile())).toEqual(['2020-03-08 00:00:00-06:00 0a1b', '2020-03-08 03:00:00-05:00 0a1b', '2020-03-08 23:59:59.900000-05:00 0a1b']);
  });

  it('keeps the 25 hours of the fall-back day, the first pass through 1 AM before the second', async () => {
    lake = new GsTestLake({ now: '2019-11-05T12:00:00Z' });
    await lake.storeUnitData(STANDARDIZED, '2019-11-04', [gridsmartDevice()]);
    await storeSite('2019-11-03');
    await storeZone(
      lake,
      ZONE_NB,
      '2019-11-03',
      [
        countRecord('2019-11-02 23:59:59.900000-05:00'),
        countRecord('2019-11-03 00:00:00-05:00'),
        countRecord('2019-11-03 01:10:00-05:00'),
        countRecord('2019-11-03 01:10:00-06:00'),
        countRecord('2019-11-03 23:59:59.900000-06:00'),
        countRecord('2019-11-04 00:00:00-06:00'),
      ],
      { dayCovered: 0, offset: '-05:00' },
    );
    await storeZone(lake, ZONE_SB, '2019-11-03', [countRecord('2019-11-03 01:40:00-05:00'), countRecord('2019-11-03 01:40:00-06:00')], { dayCovered: 0, offset: '-05:00' });
    await ready();
    // As text, 01:40-05:00 would sort after 01:10-06:00 (upstream §8.14)
    expect(times(await readyFile())).toEqual([
      '2019-11-03 00:00:00-05:00 0a1b',
      '2019-11-03 01:10:00-05:00 0a1b',
      '2019-11-03 01:40:00-05:00 2c6d',
      '2019-11-03 01:10:00-06:00 0a1b',
      '2019-11-03 01:40:00-06:00 2c6d',
      '2019-11-03 23:59:59.900000-06:00 0a1b',
    ]);
  });
});
