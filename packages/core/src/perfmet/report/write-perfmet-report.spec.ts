// writePerfmetReport on a real embedded lake (SQLite perfmet tables): which jobs and observations
// the report takes, day boundaries in the lake's zone on DST days, the file it writes.
import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../../errors';
import { TestLake } from '../../test-support/test-lake';
import type { PerfmetDriver, PerfmetJob, PerfmetObservation } from '../perfmet-driver';
import { MAX_LISTED_JOBS } from './gather-perfmet';
import type { PerfmetReportData } from './report-data';
import { REPORT_DATA_ELEMENT_ID } from './report-html';
import { ReportNotWritable, perfmetReportData, writePerfmetReport } from './write-perfmet-report';

/** The lake's zone is America/Chicago: a calendar day's midnight as an instant. */
const midnight = (test: TestLake, day: string) => test.lake.time.dayStart(day);

function job(test: TestLake, fields: Partial<PerfmetJob> & { processed: string; from?: string; to?: string }): PerfmetJob {
  return {
    dataSource: 'Wavetronix',
    stage: 'Standardize',
    seconds: 2,
    records: 100,
    failures: 0,
    processingDate: test.lake.time.parse(fields.processed),
    collectionStart: fields.from ? midnight(test, fields.from) : null,
    collectionEnd: fields.to ? midnight(test, fields.to) : null,
    ...fields,
  };
}

function observation(test: TestLake, sensorName: string, day: string, data: number | null, dataSource = 'Wavetronix'): PerfmetObservation {
  return { dataSource, sensorName, dataType: 'Vehicle Counts', data, expected: null, collectionDate: midnight(test, day), timestampMin: null, timestampMax: null };
}

/** `{ day: value }` for one sensor. */
function observations(test: TestLake, sensorName: string, rows: Record<string, number | null>, dataSource?: string): PerfmetObservation[] {
  return Object.entries(rows).map(([day, data]) => observation(test, sensorName, day, data, dataSource));
}

function embeddedData(file: string): PerfmetReportData {
  const html = fs.readFileSync(file, 'utf8');
  const match = new RegExp(`<script type="application/json" id="${REPORT_DATA_ELEMENT_ID}">([^<]*)</script>`).exec(html);
  return JSON.parse((match as RegExpExecArray)[1]) as PerfmetReportData;
}

describe('writePerfmetReport', () => {
  let test: TestLake;
  let driver: PerfmetDriver;

  beforeEach(async () => {
    // 2019-11-05 09:00 in Chicago: the 2019 demo-like data below was processed "today".
    test = new TestLake({ now: '2019-11-05T15:00:00Z' });
    driver = await test.lake.perfmetDriver();
  });
  afterEach(() => test.dispose());

  it('takes jobs by processing day and judges the observations of the days those jobs collected', async () => {
    await driver.writeJob(job(test, { processed: '2019-11-05 04:00:00', from: '2019-10-30', to: '2019-11-05' }));
    await driver.writeJob(job(test, { processed: '2019-11-05 04:10:00', stage: 'Ingest', from: '2019-11-01', to: '2019-11-05' }));
    // Processed before the window (-s 2019-11-04): not in the report.
    await driver.writeJob(job(test, { processed: '2019-11-03 04:00:00', stage: 'Publish', from: '2019-09-01', to: '2019-09-02' }));
    await driver.writeObservations([
      ...observations(test, 'STEADY', { '2019-10-24': 1, '2019-10-28': 1000, '2019-10-29': 1000, '2019-11-02': 1010, '2019-11-03': 990, '2019-11-04': 1005 }),
      ...observations(test, 'STOPPED', { '2019-11-01': 500, '2019-11-02': 510 }),
      ...observations(test, 'ZERO', { '2019-11-03': 300, '2019-11-04': 0 }),
      ...observations(test, 'SPIKE', { '2019-11-02': 300, '2019-11-03': 300, '2019-11-04': 1200 }),
      // Collected after the jobs' window: not judged.
      ...observations(test, 'LATER', { '2019-11-05': 7 }),
    ]);
    const out = path.join(test.home, 'reports', 'health.html');

    const summary = await writePerfmetReport(test.lake, { startDate: '2019-11-04', out });

    expect(summary).toEqual({
      path: out,
      days: 2,
      start: '2019-11-04',
      end: '2019-11-06',
      collectionDays: 6,
      collectionStart: '2019-10-30',
      collectionEnd: '2019-11-05',
      jobs: 2,
      sensors: 4,
      failedStageDays: 0,
      missingStageDays: 2,
      flaggedSensors: [
        { kind: 'dead', dataSource: 'Wavetronix', dataType: 'Vehicle Counts', sensorName: 'STOPPED', reason: 'no observation on 2019-11-04; last observed 2019-11-02 (510); expected 505 (mean of 2 day(s) before)' },
        { kind: 'silent', dataSource: 'Wavetronix', dataType: 'Vehicle Counts', sensorName: 'ZERO', reason: 'observation 0 on 2019-11-04; expected 300 (mean of 1 day(s) before)' },
        {
          kind: 'anomalous',
          dataSource: 'Wavetronix',
          dataType: 'Vehicle Counts',
          sensorName: 'SPIKE',
          reason: 'observed 1200 on 2019-11-04, 300.0 % above the expected 300 (mean of 2 day(s) before); threshold 50 %',
        },
      ],
    });
    const data = embeddedData(out);
    // STEADY: the 7 days before 11-04 are 10-28 … 11-03 (10-28 is before the window but counts).
    const steady = data.sensors.find((sensor) => sensor.sensorName === 'STEADY');
    expect(steady).toMatchObject({ status: 'ok', latestDay: '2019-11-04', expected: 1000, historyDays: 4 });
    expect(steady?.points.map((point) => point.day)).toEqual(['2019-11-02', '2019-11-03', '2019-11-04']);
    expect(data.collection).toMatchObject({ basis: 'jobs', clamped: false, days: ['2019-10-30', '2019-10-31', '2019-11-01', '2019-11-02', '2019-11-03', '2019-11-04'] });
    expect(data.stages.map((series) => [series.stage, series.days.map((day) => day.status)])).toEqual([
      ['Ingest', ['missing', 'ok']],
      ['Standardize', ['missing', 'ok']],
    ]);
    const html = fs.readFileSync(out, 'utf8');
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).toContain('<svg class="lake-chart stage-chart"');
    expect(fs.readdirSync(path.dirname(out))).toEqual(['health.html']);
  });

  it('judges each data source on the last day its jobs collected, so a source whose sensors all stopped shows them dead', async () => {
    await driver.writeJob(job(test, { processed: '2019-11-05 04:00:00', from: '2019-11-04', to: '2019-11-05' }));
    await driver.writeJob(job(test, { processed: '2019-11-05 04:00:00', dataSource: 'GRIDSMART', from: '2019-11-02', to: '2019-11-04' }));
    await driver.writeObservations([
      ...observations(test, 'W1', { '2019-11-02': 10, '2019-11-03': 10 }),
      ...observations(test, 'W2', { '2019-11-03': 20 }),
      ...observations(test, 'G1', { '2019-11-02': 5, '2019-11-03': 5 }, 'GRIDSMART'),
    ]);
    const data = await perfmetReportData(test.lake, { startDate: '2019-11-05' });
    expect(data.sensors.map((sensor) => [sensor.dataSource, sensor.sensorName, sensor.latestDay, sensor.status])).toEqual([
      ['Wavetronix', 'W1', '2019-11-04', 'dead'],
      ['Wavetronix', 'W2', '2019-11-04', 'dead'],
      ['GRIDSMART', 'G1', '2019-11-03', 'ok'],
    ]);
  });

  it('puts a run on its processing day in the lake\'s zone on the 25-hour and the 23-hour day, whatever the host zone', async () => {
    const hostZone = process.env.TZ;
    process.env.TZ = 'Asia/Tokyo';
    try {
      // 23:30 on the fall-back day (CST, 05:30Z the next day) and on the spring-forward day (CDT).
      await driver.writeJob(job(test, { processed: '2019-11-03T23:30:00-06:00', stage: 'Ingest' }));
      await driver.writeJob(job(test, { processed: '2019-03-10T23:30:00-05:00', stage: 'Ingest' }));
      // Just after midnight on both: the next day.
      await driver.writeJob(job(test, { processed: '2019-11-04T00:30:00-06:00', stage: 'Ready' }));
      await driver.writeJob(job(test, { processed: '2019-03-11T00:30:00-05:00', stage: 'Ready' }));
      // Observations at each DST day's local midnight, a week apart around the fall-back day.
      await driver.writeObservations(observations(test, 'S', { '2019-10-28': 100, '2019-11-03': 100, '2019-11-04': 40 }));

      const data = await perfmetReportData(test.lake, { startDate: '2019-03-09', endDate: '2019-11-05', collectionStartDate: '2019-11-03', collectionEndDate: '2019-11-05' });
      const daysOf = (stage: string) => data.stages.find((series) => series.stage === stage)?.days.filter((day) => day.status === 'ok').map((day) => day.day);
      expect(daysOf('Ingest')).toEqual(['2019-03-10', '2019-11-03']);
      expect(daysOf('Ready')).toEqual(['2019-03-11', '2019-11-04']);
      expect(data.processing.days).toHaveLength(241);
      expect(new Set(data.processing.days).size).toBe(241);
      expect(data.collection).toMatchObject({ basis: 'option', days: ['2019-11-03', '2019-11-04'] });
      // 11-03 is 25 hours long; the day after it is still judged against 10-28 … 11-03.
      expect(data.sensors[0]).toMatchObject({ latestDay: '2019-11-04', status: 'anomalous', expected: 100, historyDays: 2 });
    } finally {
      if (hostZone === undefined) delete process.env.TZ;
      else process.env.TZ = hostZone;
    }
  });

  it('defaults to the 30 days up to and including today', async () => {
    const data = await perfmetReportData(test.lake);
    expect(data.processing).toMatchObject({ start: '2019-10-07', end: '2019-11-06' });
    expect(data.processing.days).toHaveLength(30);
  });

  it('takes the observations of the report window itself when no job recorded a collection range', async () => {
    await driver.writeJob(job(test, { processed: '2019-11-05 04:00:00', records: 0 }));
    await driver.writeObservations(observations(test, 'S', { '2019-11-04': 3, '2019-11-05': 4 }));
    const data = await perfmetReportData(test.lake, { startDate: '2019-11-04' });
    expect(data.collection).toMatchObject({ basis: 'processing window', start: '2019-11-04', end: '2019-11-06' });
    expect(data.sensors[0]).toMatchObject({ latestDay: '2019-11-05', status: 'ok' });
  });

  it('keeps the newest days of a collection window longer than a page shows', async () => {
    await driver.writeJob(job(test, { processed: '2019-11-05 04:00:00', from: '2000-01-01', to: '2019-11-05' }));
    const data = await perfmetReportData(test.lake, { startDate: '2019-11-05' });
    expect(data.collection).toMatchObject({ clamped: true, start: '2018-11-04', end: '2019-11-05' });
    expect(data.collection.days).toHaveLength(366);
  });

  it('lists the newest jobs and counts the others', async () => {
    const total = MAX_LISTED_JOBS + 5;
    for (let index = 0; index < total; index++) {
      await driver.writeJob(job(test, { processed: '2019-11-05 00:00:00', processingDate: new Date(midnight(test, '2019-11-05').getTime() + index * 1000), records: index }));
    }
    const data = await perfmetReportData(test.lake, { startDate: '2019-11-05' });
    expect(data.jobs).toMatchObject({ total, omitted: 5 });
    expect(data.jobs.listed).toHaveLength(MAX_LISTED_JOBS);
    expect(data.jobs.listed[0].records).toBe(5);
    expect(data.jobs.listed[MAX_LISTED_JOBS - 1].records).toBe(total - 1);
    expect(data.stages[0].days[0]).toMatchObject({ runs: total, records: (total * (total - 1)) / 2 });
  });

  it('refuses a window longer than a page shows, an empty window and a threshold that is not positive', async () => {
    await expect(perfmetReportData(test.lake, { startDate: '2018-01-01' })).rejects.toThrow(/the report window has 674 days; a report shows at most 366/);
    await expect(perfmetReportData(test.lake, { startDate: '2019-11-05', endDate: '2019-11-05' })).rejects.toThrow(UsageError);
    await expect(writePerfmetReport(test.lake, { thresholdPercent: 0, out: path.join(test.home, 'x.html') })).rejects.toThrow(UsageError);
    expect(fs.existsSync(path.join(test.home, 'x.html'))).toBe(false);
  });

  it('says where it could not write, and leaves no partial file', async () => {
    const blocker = path.join(test.home, 'not-a-folder');
    fs.writeFileSync(blocker, '');
    await expect(writePerfmetReport(test.lake, { out: path.join(blocker, 'report.html') })).rejects.toThrow(ReportNotWritable);
    const inFolder = path.join(test.home, 'folder.html');
    fs.mkdirSync(inFolder);
    await expect(writePerfmetReport(test.lake, { out: inFolder })).rejects.toThrow(/cannot write the report to .*folder\.html/);
    expect(fs.readdirSync(test.home).filter((name) => name.includes('partial'))).toEqual([]);
  });
});
