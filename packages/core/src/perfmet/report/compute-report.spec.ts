// The report's rules (perfmet.md §6–7): expected = mean of the 7 days *before* (defect 6 fixed),
// dead / silent / anomalous on the latest collection day, stage days ok / failed / missing.
import { assessSensor, buildReportData, deviationOf, expectedValue, sensorPoints, stageSeries } from './compute-report';
import type { GatheredPerfmet, StageDayTotals } from './gather-perfmet';
import { addCalendarDays, calendarDays } from './report-days';

/** A sensor's rows from `{ day: value }`. */
function history(rows: Record<string, number | null>): Map<string, number | null> {
  return new Map(Object.entries(rows));
}

const JUDGED = '2019-11-04';

/** Rows on the 7 days before JUDGED (10-28 … 11-03), all `value`. */
function steadyWeek(value: number): Record<string, number | null> {
  return Object.fromEntries(Array.from({ length: 7 }, (_, index) => [addCalendarDays(JUDGED, -(index + 1)), value]));
}

describe('calendar days', () => {
  it('steps over both DST changes one calendar day at a time', () => {
    expect(calendarDays('2019-11-02', '2019-11-05')).toEqual(['2019-11-02', '2019-11-03', '2019-11-04']);
    expect(calendarDays('2019-03-09', '2019-03-12')).toEqual(['2019-03-09', '2019-03-10', '2019-03-11']);
    expect(addCalendarDays('2020-03-01', -1)).toBe('2020-02-29');
  });
});

describe('expectedValue', () => {
  it('is the mean of the 7 days before, without the day itself (upstream included it: defect 6)', () => {
    const rows = history({ ...steadyWeek(100), [JUDGED]: 800 });
    expect(expectedValue(rows, JUDGED)).toEqual({ expected: 100, historyDays: 7 });
    // What the original's feeder computed for the same rows: the day pulled its own expectation up.
    const upstream = [...rows.values()].reduce((sum: number, value) => sum + (value ?? 0), 0) / rows.size;
    expect(upstream).toBeCloseTo(187.5);
  });

  it('ignores days older than 7 days and null observations', () => {
    const rows = history({ '2019-10-27': 5000, '2019-10-28': null, '2019-10-30': 10, '2019-11-03': 20 });
    expect(expectedValue(rows, JUDGED)).toEqual({ expected: 15, historyDays: 2 });
  });

  it('is null for a sensor with no history', () => {
    expect(expectedValue(history({ [JUDGED]: 42 }), JUDGED)).toEqual({ expected: null, historyDays: 0 });
  });

  it('counts the week before a fall-back (25 h) and a spring-forward (23 h) day as 7 calendar days', () => {
    const fallBack = history({ '2019-10-27': 7, '2019-11-02': 1, '2019-11-03': 3, '2019-11-04': 99 });
    expect(expectedValue(fallBack, '2019-11-03')).toEqual({ expected: 4, historyDays: 2 }); // 10-27 and 11-02
    const springForward = history({ '2019-03-03': 2, '2019-03-10': 4, '2019-03-11': 50 });
    expect(expectedValue(springForward, '2019-03-11')).toEqual({ expected: 4, historyDays: 1 }); // 03-03 is 8 days before
    expect(expectedValue(springForward, '2019-03-10')).toEqual({ expected: 2, historyDays: 1 });
  });
});

describe('deviationOf', () => {
  it('is relative to the expected value, and null when it cannot be computed', () => {
    expect(deviationOf(150, 100)).toBeCloseTo(0.5);
    expect(deviationOf(25, 100)).toBeCloseTo(-0.75);
    expect(deviationOf(null, 100)).toBeNull();
    expect(deviationOf(10, null)).toBeNull();
    expect(deviationOf(10, 0)).toBeNull();
  });
});

describe('assessSensor', () => {
  it('flags a sensor dead when it reported in the 7 days before but not on the day, with when it stopped', () => {
    const result = assessSensor(history({ '2019-10-30': 60, '2019-11-01': 66 }), JUDGED);
    expect(result.status).toBe('dead');
    expect(result.flag).toEqual({
      kind: 'dead',
      day: JUDGED,
      observed: null,
      expected: 63,
      deviation: null,
      lastObservedDay: '2019-11-01',
      reason: 'no observation on 2019-11-04; last observed 2019-11-01 (66); expected 63 (mean of 2 day(s) before)',
    });
  });

  it('counts a row with a null number as a report, so a sensor whose last row was null is dead the day after', () => {
    const result = assessSensor(history({ '2019-11-03': null }), JUDGED);
    expect(result.status).toBe('dead');
    expect(result.flag?.reason).toBe('no observation on 2019-11-04; last observed 2019-11-03 (null); no earlier observation to compare with');
  });

  it('leaves a sensor not seen for more than 7 days inactive, not dead', () => {
    const result = assessSensor(history({ '2019-10-27': 60 }), JUDGED);
    expect(result).toEqual({ status: 'inactive', flag: null, expected: null, historyDays: 0, lastObservedDay: '2019-10-27' });
  });

  it('flags a sensor silent when it reported 0', () => {
    const result = assessSensor(history({ ...steadyWeek(80), [JUDGED]: 0 }), JUDGED);
    expect(result.status).toBe('silent');
    expect(result.flag).toMatchObject({ kind: 'silent', observed: 0, expected: 80, deviation: -1, reason: 'observation 0 on 2019-11-04; expected 80 (mean of 7 day(s) before)' });
  });

  it('flags a sensor silent when its row has no number, even without history', () => {
    const result = assessSensor(history({ [JUDGED]: null }), JUDGED);
    expect(result.flag).toMatchObject({ kind: 'silent', observed: null, expected: null, reason: 'observation null on 2019-11-04; no earlier observation to compare with' });
  });

  it('flags a sensor anomalous above the threshold, in either direction, with the numbers', () => {
    const above = assessSensor(history({ ...steadyWeek(6019), [JUDGED]: 20000 }), JUDGED);
    expect(above.flag).toMatchObject({ kind: 'anomalous', observed: 20000, expected: 6019 });
    expect(above.flag?.deviation).toBeCloseTo(2.3228, 3);
    expect(above.flag?.reason).toBe('observed 20000 on 2019-11-04, 232.3 % above the expected 6019 (mean of 7 day(s) before); threshold 50 %');
    const below = assessSensor(history({ '2019-11-02': 100, '2019-11-03': 300, [JUDGED]: 40 }), JUDGED);
    expect(below.flag?.reason).toBe('observed 40 on 2019-11-04, 80.0 % below the expected 200 (mean of 2 day(s) before); threshold 50 %');
  });

  it('does not flag a deviation of exactly the threshold, and takes another threshold', () => {
    expect(assessSensor(history({ ...steadyWeek(100), [JUDGED]: 150 }), JUDGED).status).toBe('ok');
    expect(assessSensor(history({ ...steadyWeek(100), [JUDGED]: 50 }), JUDGED).status).toBe('ok');
    expect(assessSensor(history({ ...steadyWeek(100), [JUDGED]: 151 }), JUDGED).status).toBe('anomalous');
    expect(assessSensor(history({ ...steadyWeek(100), [JUDGED]: 130 }), JUDGED, 25).flag?.reason).toContain('threshold 25 %');
  });

  it('does not judge a sensor with no history (nothing to compare with)', () => {
    expect(assessSensor(history({ [JUDGED]: 12345 }), JUDGED)).toEqual({ status: 'ok', flag: null, expected: null, historyDays: 0, lastObservedDay: JUDGED });
  });

  it('flags a sensor anomalous when it reports after a week of zeros', () => {
    const result = assessSensor(history({ ...steadyWeek(0), [JUDGED]: 30 }), JUDGED);
    expect(result.flag).toMatchObject({ kind: 'anomalous', expected: 0, deviation: null, reason: 'observed 30 on 2019-11-04, but the 7 day(s) before averaged 0' });
  });
});

describe('sensorPoints', () => {
  it('gives each observed day of the window its expected value and marks the unusual ones', () => {
    const rows = history({ '2019-10-31': 10, '2019-11-01': 10, '2019-11-02': 0, '2019-11-03': 30, [JUDGED]: 10 });
    const points = sensorPoints(rows, calendarDays('2019-11-01', '2019-11-05'));
    expect(points.map((point) => [point.day, point.data, point.expected, point.unusual])).toEqual([
      ['2019-11-01', 10, 10, false],
      ['2019-11-02', 0, 10, true],
      ['2019-11-03', 30, 20 / 3, true],
      [JUDGED, 10, 12.5, false],
    ]);
  });
});

describe('stageSeries', () => {
  const days = ['2020-03-04', '2020-03-05', '2020-03-06'];
  const totals = (records: number, failedRuns = 0): StageDayTotals => ({ runs: 1 + failedRuns, records, seconds: 2, failures: failedRuns * 3, failedRuns });

  it('marks each day ok, failed (any run with failed items) or missing, for installed and run stages in data-flow order', () => {
    const series = stageSeries(
      {
        dataSources: new Set(['GRIDSMART', 'Bluetooth']),
        registeredStages: new Map([['GRIDSMART', new Set(['Publish', 'Ingest', 'Aggregate'])]]),
        stages: [
          { dataSource: 'GRIDSMART', stage: 'Ingest', days: new Map([['2020-03-04', totals(9)], ['2020-03-06', totals(4, 1)]]) },
          { dataSource: 'Bluetooth', stage: 'Socrata Agg.', days: new Map([['2020-03-05', totals(1)]]) },
          { dataSource: 'Bluetooth', stage: 'Ready', days: new Map([['2020-03-05', totals(0)]]) },
        ],
      },
      days,
    );
    expect(series.map((entry) => `${entry.dataSource} ${entry.stage}`)).toEqual(['Bluetooth Ready', 'Bluetooth Socrata Agg.', 'GRIDSMART Ingest', 'GRIDSMART Aggregate', 'GRIDSMART Publish']);
    const ingest = series[2];
    expect(ingest.days.map((day) => day.status)).toEqual(['ok', 'missing', 'failed']);
    expect(ingest.days[2]).toEqual({ day: '2020-03-06', status: 'failed', runs: 2, records: 4, seconds: 2, failures: 3 });
    expect([ingest.okDays, ingest.failedDays, ingest.missingDays]).toEqual([1, 1, 1]);
    expect(series[3].days.every((day) => day.status === 'missing')).toBe(true);
    expect(series[0].days[1]).toMatchObject({ status: 'ok', records: 0 });
  });
});

describe('buildReportData', () => {
  function gathered(sensors: GatheredPerfmet['sensors'], latestDay: Record<string, string>): GatheredPerfmet {
    return {
      processing: { start: '2019-11-05', end: '2019-11-06' },
      collection: { start: '2019-11-02', end: '2019-11-05', startMs: 0, endMs: 1, basis: 'jobs', clamped: false },
      stages: [],
      registeredStages: new Map(),
      dataSources: new Set(sensors.map((sensor) => sensor.dataSource)),
      jobCount: 0,
      jobsWithRange: 0,
      listedJobs: [],
      sensors,
      latestDay: new Map(Object.entries(latestDay)),
    };
  }
  const sensor = (dataSource: string, sensorName: string, rows: Record<string, number | null>) => ({ dataSource, dataType: 'Vehicle Counts', sensorName, byDay: history(rows) });

  it('lists dead, then silent, then anomalous sensors, each judged on its own data source\'s latest day', () => {
    const data = buildReportData(
      gathered(
        [
          sensor('Wavetronix', 'B', { '2019-11-02': 10, '2019-11-03': 10, [JUDGED]: 100 }),
          sensor('Wavetronix', 'A', { '2019-11-02': 10, '2019-11-03': 10 }),
          sensor('GRIDSMART', 'C', { '2019-11-02': 10, '2019-11-03': 0 }),
          sensor('GRIDSMART', 'D', { '2019-11-02': 10, '2019-11-03': 11, [JUDGED]: 12 }),
          sensor('Wavetronix', 'E', { '2019-10-27': 10 }),
        ],
        { Wavetronix: JUDGED, GRIDSMART: '2019-11-03' },
      ),
      { generatedAt: 'now', timeZone: 'America/Chicago' },
    );
    expect(data.flagged.map((flag) => [flag.kind, flag.dataSource, flag.sensorName, flag.day])).toEqual([
      ['dead', 'Wavetronix', 'A', JUDGED],
      ['silent', 'GRIDSMART', 'C', '2019-11-03'],
      ['anomalous', 'Wavetronix', 'B', JUDGED],
    ]);
    // Sensors in data-source order; one seen only before the window is left out.
    expect(data.sensors.map((entry) => `${entry.dataSource} ${entry.sensorName} ${entry.status}`)).toEqual([
      'Wavetronix A dead',
      'Wavetronix B anomalous',
      'GRIDSMART C silent',
      'GRIDSMART D ok',
    ]);
    expect(new Set(data.sensors.map((entry) => entry.id)).size).toBe(4);
    expect(data.sensors[0].id).toMatch(/^sensor-wavetronix-a-[0-9a-f]{8}$/);
    expect(data.collection.days).toEqual(['2019-11-02', '2019-11-03', JUDGED]);
  });
});
