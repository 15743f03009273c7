// The page: every text from the data escaped, nothing fetched from anywhere, charts drawn as SVG
// with marks, and the report data embedded as JSON that reads back unchanged.
import { buildReportData } from './compute-report';
import type { GatheredPerfmet } from './gather-perfmet';
import type { PerfmetReportData } from './report-data';
import { REPORT_DATA_ELEMENT_ID, renderReportHtml } from './report-html';

const HOSTILE_SENSOR = '<script>alert("x")</script>';
const CLOSING_SENSOR = '</script><img src=http://example.invalid/x.png onerror=alert(1)>';
const HOSTILE_SOURCE = 'A&B "quoted" <src>';

function reportData(): PerfmetReportData {
  const day = (iso: string) => Date.parse(iso);
  const gathered: GatheredPerfmet = {
    processing: { start: '2020-03-04', end: '2020-03-07' },
    collection: { start: '2020-03-02', end: '2020-03-05', startMs: day('2020-03-02T06:00:00Z'), endMs: day('2020-03-05T06:00:00Z'), basis: 'jobs', clamped: false },
    stages: [
      {
        dataSource: HOSTILE_SOURCE,
        stage: 'Ingest',
        days: new Map([
          ['2020-03-04', { runs: 1, records: 120, seconds: 3.5, failures: 0, failedRuns: 0 }],
          ['2020-03-06', { runs: 1, records: 7, seconds: 1, failures: 2, failedRuns: 1 }],
        ]),
      },
    ],
    registeredStages: new Map(),
    dataSources: new Set([HOSTILE_SOURCE]),
    jobCount: 2,
    jobsWithRange: 1,
    listedJobs: [
      {
        dataSource: HOSTILE_SOURCE,
        stage: 'Ingest',
        processingDate: '2020-03-04 04:00:00-06:00',
        collectionStart: '2020-03-02 00:00:00-06:00',
        collectionEnd: '2020-03-05 00:00:00-06:00',
        startMs: day('2020-03-02T06:00:00Z'),
        endMs: day('2020-03-05T06:00:00Z'),
        records: 120,
        seconds: 3.5,
        failures: 0,
      },
      { dataSource: HOSTILE_SOURCE, stage: 'Ingest', processingDate: '2020-03-06 04:00:00-06:00', collectionStart: null, collectionEnd: null, startMs: null, endMs: null, records: 7, seconds: 1, failures: 2 },
    ],
    sensors: [
      { dataSource: HOSTILE_SOURCE, dataType: 'Vehicle <Counts>', sensorName: HOSTILE_SENSOR, byDay: new Map([['2020-03-02', 10], ['2020-03-03', 12], ['2020-03-04', 90]]) },
      { dataSource: HOSTILE_SOURCE, dataType: 'Vehicle <Counts>', sensorName: CLOSING_SENSOR, byDay: new Map([['2020-03-02', 10], ['2020-03-03', 12]]) },
      { dataSource: HOSTILE_SOURCE, dataType: 'Vehicle <Counts>', sensorName: 'quiet', byDay: new Map<string, number | null>([['2020-03-03', 5], ['2020-03-04', null]]) },
    ],
    latestDay: new Map([[HOSTILE_SOURCE, '2020-03-04']]),
  };
  return buildReportData(gathered, { generatedAt: '2020-03-06 09:30:00-06:00', timeZone: 'America/Chicago' });
}

/** The text of the JSON data element. */
function embeddedJson(html: string): string {
  const match = new RegExp(`<script type="application/json" id="${REPORT_DATA_ELEMENT_ID}">([^<]*)</script>`).exec(html);
  if (!match) throw new Error('no report data element');
  return match[1];
}

describe('renderReportHtml', () => {
  const data = reportData();
  const html = renderReportHtml(data);

  it('flags the hostile sensors like any other (the fixture is meaningful)', () => {
    expect(data.flagged.map((flag) => [flag.kind, flag.sensorName])).toEqual([
      ['dead', CLOSING_SENSOR],
      ['silent', 'quiet'],
      ['anomalous', HOSTILE_SENSOR],
    ]);
  });

  it('escapes every text from the data, in elements and attributes', () => {
    expect(html).not.toContain(HOSTILE_SENSOR);
    expect(html).not.toContain('<img');
    expect(html).not.toContain(HOSTILE_SOURCE);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain(`data-data-source="A&amp;B &quot;quoted&quot; &lt;src&gt;"`);
    expect(html).toContain('data-data-type="Vehicle &lt;Counts&gt;"');
    // The only script element is the inert JSON one.
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html.match(/<\/script>/g)).toHaveLength(1);
  });

  it('embeds the report data as JSON that reads back unchanged', () => {
    const text = embeddedJson(html);
    expect(text).not.toMatch(/[<>&]/);
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(data)));
  });

  it('is self-contained: no script, stylesheet, font or image is fetched', () => {
    // Every attribute of every tag (text cannot hold a tag: its `<` are escaped).
    const attributes = [...html.matchAll(/<[a-zA-Z][^>]*>/g)].flatMap(([tag]) => [...tag.matchAll(/\s([a-zA-Z:-]+)="([^"]*)"/g)].map(([, name, value]) => ({ name, value })));
    expect(attributes.length).toBeGreaterThan(100);
    expect(attributes.filter(({ name }) => /^(src|srcset|xlink:href|action|poster|background)$/i.test(name))).toEqual([]);
    // Links only jump within the page.
    for (const { name, value } of attributes) if (name === 'href') expect(value).toMatch(/^#sensor-[a-z0-9-]+$/);
    expect(html).not.toMatch(/<(?:link|img|iframe|object|embed|base|image|use|foreignObject)\b/i);
    const style = (html.match(/<style>([^]*?)<\/style>/) ?? ['', ''])[1];
    expect(style).not.toMatch(/@import|url\(|@font-face/i);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
  });

  it('draws every chart as inline SVG with marks', () => {
    const charts = html.match(/<svg class="lake-chart[^]*?<\/svg>/g) ?? [];
    // 1 stage chart, 3 sensor charts, 1 coverage chart.
    expect(charts).toHaveLength(5);
    for (const chart of charts) expect(chart).toMatch(/class="mark /);
  });

  it('marks a failed and a missing stage day where the bar would be, and draws no bar for them', () => {
    const stage = (html.match(/<svg class="lake-chart stage-chart[^]*?<\/svg>/) ?? [''])[0];
    expect(stage).toMatch(/<rect class="mark bar bar-records" data-day="2020-03-04" data-status="ok"/);
    expect(stage).toMatch(/<path class="mark marker-failed" data-day="2020-03-06" data-status="failed" data-metric="records"/);
    expect(stage).toMatch(/<circle class="mark marker-missing" data-day="2020-03-05" data-status="missing" data-metric="records"/);
    expect(stage).not.toMatch(/<rect[^>]*data-day="2020-03-0[56]"/);
    expect(html).toContain('id="stage-legend"');
  });

  it('lists the flagged sensors with their reason and a link to their row', () => {
    const items = html.match(/<li class="flag [^]*?<\/li>/g) ?? [];
    expect(items).toHaveLength(3);
    const [dead] = items;
    const id = data.flagged[0].sensorId;
    expect(dead).toContain(`data-flag="dead" data-sensor-id="${id}"`);
    expect(dead).toContain(`href="#${id}"`);
    expect(dead).toContain('no observation on 2020-03-04; last observed 2020-03-03 (12); expected 11 (mean of 2 day(s) before)');
    expect(html).toContain(`<tr class="sensor status-dead" id="${id}"`);
  });

  it('says so when no sensor is flagged', () => {
    const calm = renderReportHtml({ ...data, flagged: [] });
    expect(calm).toContain('<p class="empty" id="no-flagged">No sensor flagged.</p>');
    expect(calm).not.toContain('id="flagged-sensors"');
  });
});
