// `lake perfmet report` opened in a real headless Chromium with every network request refused:
// the page renders from the file alone, with JavaScript off, its SVG charts draw marks, it lists
// exactly the sensors the seed made dead, silent and anomalous, and logs no error. Needs
// LAKE_TEST_CHROMIUM (the browser's path; CI installs Debian's chromium); skipped without.
// A screenshot goes to $LAKE_TEST_ARTIFACTS (default <tmp>/lake-test-artifacts).
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { PerfmetReportData, PerfmetReportSummary } from '@lake/core';
import { LakeSandbox } from './test-support/lake-cli';
import { EXPECTED_FLAGS, HOSTILE_SENSOR, seedPerfmetReportLake } from './test-support/perfmet-report-seed';

const CHROMIUM = process.env.LAKE_TEST_CHROMIUM ?? '';
const describeInChromium = CHROMIUM ? describe : describe.skip;
const ARTIFACTS = process.env.LAKE_TEST_ARTIFACTS ?? path.join(os.tmpdir(), 'lake-test-artifacts');

// The demo, the report and a browser start on a busy 2-core machine.
jest.setTimeout(180_000);

describeInChromium('lake perfmet report in Chromium', () => {
  const sandbox = new LakeSandbox();
  const reportFile = sandbox.path('out', 'report.html');
  const reportUrl = pathToFileURL(reportFile).href;
  let summary: PerfmetReportSummary;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const requested: string[] = [];
  const refused: string[] = [];
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    seedPerfmetReportLake(sandbox);
    summary = sandbox.json<PerfmetReportSummary>('perfmet', 'report', '--out', reportFile);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    // JavaScript off: the charts are drawn in Node, so the page must not need it.
    context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      if (url === reportUrl) return route.continue();
      refused.push(url);
      return route.abort('blockedbyclient');
    });
    page = await context.newPage();
    page.on('request', (request) => requested.push(request.url()));
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    const response = await page.goto(reportUrl, { waitUntil: 'load' });
    expect(response?.ok()).toBe(true);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'perfmet-report.png'), fullPage: true });
  });

  afterAll(async () => {
    await browser?.close();
    sandbox.remove();
  });

  it('renders the report from the file alone: no other request, no console error', async () => {
    await expect(page.title()).resolves.toMatch(/^Lake health report, /);
    await expect(page.locator('h1').textContent()).resolves.toMatch(/^Lake health report, /);
    expect(requested).toEqual([reportUrl]);
    expect(refused).toEqual([]);
    expect(consoleErrors).toEqual([]);
    // The hostile sensor name is text, not an image element.
    await expect(page.locator('img').count()).resolves.toBe(0);
  });

  it('would have seen a request: the guard refuses one from a page that makes it', async () => {
    const probe = await context.newPage();
    const seen: string[] = [];
    probe.on('request', (request) => seen.push(request.url()));
    await probe.setContent('<img src="https://example.invalid/pixel.png">');
    await probe.close();
    expect(seen).toEqual(['https://example.invalid/pixel.png']);
    expect(refused.splice(0)).toEqual(['https://example.invalid/pixel.png']);
  });

  it('draws marks with a real size in every SVG chart', async () => {
    const charts = await page.locator('svg.lake-chart').evaluateAll((elements) =>
      elements.map((chart) => {
        const box = chart.getBoundingClientRect();
        const marks = Array.from(chart.querySelectorAll('.mark')).map((mark) => mark.getBoundingClientRect());
        return { label: chart.getAttribute('aria-label'), width: box.width, marks: marks.length, drawn: marks.filter((mark) => mark.width > 0 && mark.height > 0).length };
      }),
    );
    // 13 demo stage series, 14 sensors, 1 coverage chart.
    expect(charts).toHaveLength(13 + 14 + 1);
    for (const chart of charts) {
      expect(chart).toEqual({ label: chart.label, width: expect.any(Number), marks: expect.any(Number), drawn: chart.marks });
      expect(chart.width).toBeGreaterThan(100);
      expect(chart.marks).toBeGreaterThan(0);
    }
  });

  it('marks today\'s failed Wavetronix Ready run where its bar would be', async () => {
    const stage = page.locator('figure.stage[data-data-source="Wavetronix"][data-stage="Ready"]');
    await expect(stage.getAttribute('data-failed-days')).resolves.toBe('1');
    const failed = stage.locator('.marker-failed');
    await expect(failed.count()).resolves.toBe(2); // records and seconds panels
    const box = await failed.first().boundingBox();
    expect(box?.width).toBeGreaterThan(0);
    expect(box?.height).toBeGreaterThan(0);
    await expect(stage.locator('rect.bar').count()).resolves.toBe(0);
    await expect(page.locator('#stage-legend').isVisible()).resolves.toBe(true);
  });

  it('lists exactly the dead, silent and anomalous sensors, each with its reason', async () => {
    const items = page.locator('#flagged-sensors li.flag');
    const listed = await items.evaluateAll((elements) =>
      elements.map((element) => ({
        kind: element.getAttribute('data-flag'),
        dataSource: element.getAttribute('data-data-source'),
        dataType: element.getAttribute('data-data-type'),
        sensorName: element.getAttribute('data-sensor-name'),
      })),
    );
    expect(listed).toEqual(EXPECTED_FLAGS);
    const dead = items.first();
    await expect(dead.isVisible()).resolves.toBe(true);
    await expect(dead.textContent()).resolves.toBe(
      `dead Wavetronix · Vehicle Counts · ${HOSTILE_SENSOR}: no observation on 2019-11-04; last observed 2019-11-03 (110); expected 105 (mean of 2 day(s) before)`,
    );
    await expect(items.nth(3).locator('.reason').textContent()).resolves.toBe(
      'observed 20000 on 2019-11-04, 232.3 % above the expected 6019 (mean of 2 day(s) before); threshold 50 %',
    );
    // Each flag links to its sensor's row, which shows the same status.
    for (const flag of await items.all()) {
      const id = await flag.getAttribute('data-sensor-id');
      await expect(page.locator(`tr.sensor#${id}`).getAttribute('data-status')).resolves.toBe(await flag.getAttribute('data-flag'));
    }
    expect(summary.flaggedSensors.map(({ kind, dataSource, dataType, sensorName }) => ({ kind, dataSource, dataType, sensorName }))).toEqual(EXPECTED_FLAGS);
  });

  it('embeds the report data as JSON that agrees with the page', async () => {
    const text = await page.locator('script#lake-report-data').textContent();
    const data = JSON.parse(text ?? '') as PerfmetReportData;
    expect(data.flagged.map(({ kind, sensorName }) => `${kind} ${sensorName}`)).toEqual(EXPECTED_FLAGS.map(({ kind, sensorName }) => `${kind} ${sensorName}`));
    expect(data.collection).toMatchObject({ start: '2019-11-02', end: '2019-11-05', basis: 'jobs' });
    await expect(page.locator('tr.sensor').count()).resolves.toBe(data.sensors.length);
    await expect(page.locator('#summary [data-count="dead"]').getAttribute('data-value')).resolves.toBe('1');
  });
});
