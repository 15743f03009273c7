// `lake perfmet report` through bin/run.js on a demo lake with known dead, silent and anomalous
// sensors (test-support/perfmet-report-seed.ts). What the page looks like in a browser is
// lake-perfmet-report.browser.spec.ts.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { PerfmetReportSummary } from '@lake/core';
import { LakeSandbox } from './test-support/lake-cli';
import { EXPECTED_FLAGS, seedPerfmetReportLake } from './test-support/perfmet-report-seed';

// The demo and a few more `lake` runs (each bounded at 60 s by LakeSandbox).
jest.setTimeout(180_000);

describe('lake perfmet report', () => {
  const sandbox = new LakeSandbox();
  beforeAll(() => seedPerfmetReportLake(sandbox));
  afterAll(() => sandbox.remove());

  it('writes perfmet-report.html in the current directory and lists the flagged sensors with their reasons', () => {
    const run = sandbox.lake('perfmet', 'report');
    expect(run.status).toBe(0);
    const file = path.join(sandbox.cwd, 'perfmet-report.html');
    expect(existsSync(file)).toBe(true);
    expect(run.stdout).toContain(`Report written to ${file}`);
    expect(run.stdout).toContain('dead       Wavetronix Vehicle Counts DEAD <img src=x onerror=alert(1)>: no observation on 2019-11-04; last observed 2019-11-03 (110); expected 105 (mean of 2 day(s) before)');
    expect(run.stdout).toContain('anomalous  Wavetronix Vehicle Counts BURNETRUTLAND: observed 20000 on 2019-11-04, 232.3 % above the expected 6019 (mean of 2 day(s) before); threshold 50 %');
    expect(run.stdout).toMatch(/\d+ job\(s\) over 30 day\(s\), 14 sensor\(s\), 5 flagged/);
  });

  it('returns the summary with --json (also as perfmet:report), judged over the days the jobs collected', () => {
    const out = sandbox.path('reports', 'health.html');
    const summary = sandbox.json<PerfmetReportSummary>('perfmet:report', '--out', out, '-s', '3');
    expect(summary).toMatchObject({ path: out, days: 4, collectionStart: '2019-11-02', collectionEnd: '2019-11-05', collectionDays: 3, sensors: 14, failedStageDays: 1 });
    expect(summary.flaggedSensors.map(({ kind, dataSource, dataType, sensorName }) => ({ kind, dataSource, dataType, sensorName }))).toEqual(EXPECTED_FLAGS);
    expect(readFileSync(out, 'utf8')).toContain('<script type="application/json" id="lake-report-data">');
  });

  it('takes another anomaly threshold', () => {
    const summary = sandbox.json<PerfmetReportSummary>('perfmet', 'report', '--out', sandbox.path('t.html'), '--threshold', '10%');
    // Bluetooth congress_riverside: 60 after 55 and 41 is +25 %; the other demo sensors stay within 10 %.
    expect(summary.flaggedSensors.filter((flag) => flag.kind === 'anomalous').map((flag) => flag.sensorName)).toEqual(['congress_riverside', 'BURNETRUTLAND', 'Lamar_Koenig']);
  });

  it('refuses a threshold that is not a number, with a hint', () => {
    const run = sandbox.lake('perfmet', 'report', '--threshold', 'lots');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Error (USAGE): --threshold: "lots" is not a number');
  });

  it('is where `lake demo` says its health report is', () => {
    const report = path.join(sandbox.home, 'perfmet-report.html');
    expect(existsSync(report)).toBe(true);
    const demo = sandbox.lake('demo');
    expect(demo.stdout).toContain(`Health report: ${report}`);
  });
});
