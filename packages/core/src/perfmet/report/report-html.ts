// The health report as one self-contained HTML page: inline CSS, inline SVG charts, no script to
// run, nothing fetched (a Content-Security-Policy forbids it), and the report data as JSON for
// scripts and tests. Elements carry stable ids, classes and data attributes:
//   #summary [data-count], #stages section.data-source figure.stage[data-data-source][data-stage],
//   #flagged-sensors li.flag[data-flag][data-sensor-id][data-data-source][data-data-type][data-sensor-name],
//   #sensors tr.sensor#<sensor id>[data-status], #jobs #job-table tr.job, svg.lake-chart .mark,
//   script#lake-report-data.
import { coverageChart, sensorChart, stageChart } from './svg-charts';
import { escapeHtml, formatCount, formatDeviation, formatSeconds, formatValue, jsonForScript } from './html-text';
import { FLAG_KINDS, type PerfmetReportData, type SensorReport, type StageSeries } from './report-data';
import { addCalendarDays } from './report-days';

export const REPORT_DATA_ELEMENT_ID = 'lake-report-data';

export function renderReportHtml(data: PerfmetReportData): string {
  const title = `Lake health report, ${data.processing.start} to ${addCalendarDays(data.processing.end, -1)}`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // Nothing may be fetched: the page must draw the same with no network.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    `<meta name="generator" content="lake perfmet report">`,
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    header(data, title),
    '<main>',
    stagesSection(data),
    sensorsSection(data),
    jobsSection(data),
    '</main>',
    `<script type="application/json" id="${REPORT_DATA_ELEMENT_ID}">${jsonForScript(data)}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function header(data: PerfmetReportData, title: string): string {
  const { processing, collection } = data;
  const basis =
    collection.basis === 'jobs'
      ? "the days the jobs' collection ranges cover"
      : collection.basis === 'option'
        ? 'as requested'
        : 'no job recorded a collection range, so the report window itself';
  const failedDays = data.stages.reduce((sum, series) => sum + series.failedDays, 0);
  const missingDays = data.stages.reduce((sum, series) => sum + series.missingDays, 0);
  const flagCount = (kind: string) => data.flagged.filter((flag) => flag.kind === kind).length;
  const cards: [string, number, string][] = [
    ['jobs', data.jobs.total, 'jobs'],
    ['failed-stage-days', failedDays, 'failed stage-days'],
    ['missing-stage-days', missingDays, 'missing stage-days'],
    ['sensors', data.sensors.length, 'sensors'],
    ...FLAG_KINDS.map((kind): [string, number, string] => [kind, flagCount(kind), `${kind} sensors`]),
  ];
  return [
    '<header id="report-header">',
    `<h1>${escapeHtml(title)}</h1>`,
    '<dl class="meta">',
    `<dt>Generated</dt><dd id="generated-at">${escapeHtml(data.generatedAt)} (zone ${escapeHtml(data.timeZone)})</dd>`,
    `<dt>Jobs</dt><dd id="processing-window" data-start="${processing.start}" data-end="${processing.end}">processed ${processing.start} to ${escapeHtml(addCalendarDays(processing.end, -1))} (${processing.days.length} days, by processing day)</dd>`,
    `<dt>Observations</dt><dd id="collection-window" data-start="${collection.start}" data-end="${collection.end}" data-basis="${escapeHtml(collection.basis)}">collected ${collection.start} to ${escapeHtml(addCalendarDays(collection.end, -1))} (${collection.days.length} days: ${escapeHtml(basis)}${collection.clamped ? ', clamped to the newest days' : ''})</dd>`,
    `<dt>Anomaly threshold</dt><dd id="threshold" data-threshold-percent="${data.thresholdPercent}">${escapeHtml(formatValue(data.thresholdPercent))} % from the mean of the 7 days before</dd>`,
    '</dl>',
    '<ul id="summary" class="cards">',
    ...cards.map(([key, count, label]) => `<li data-count="${key}" data-value="${count}" class="${count > 0 && key !== 'jobs' && key !== 'sensors' ? 'card alert' : 'card'}"><b>${formatCount(count)}</b> ${escapeHtml(label)}</li>`),
    '</ul>',
    '</header>',
  ].join('\n');
}

function stagesSection(data: PerfmetReportData): string {
  const parts = ['<section id="stages">', '<h2>Stages per processing day</h2>', STAGE_LEGEND];
  if (data.stages.length === 0) parts.push('<p class="empty" id="no-stages">No job ran in this window.</p>');
  for (const [dataSource, seriesList] of groupBy(data.stages, (series) => series.dataSource)) {
    parts.push(`<section class="data-source" id="stages-${slug(dataSource)}" data-data-source="${escapeHtml(dataSource)}">`, `<h3>${escapeHtml(dataSource)}</h3>`);
    for (const series of seriesList) parts.push(stageFigure(series));
    parts.push('</section>');
  }
  parts.push('</section>');
  return parts.join('\n');
}

function stageFigure(series: StageSeries): string {
  const records = series.days.reduce((sum, day) => sum + (day.status === 'ok' ? day.records : 0), 0);
  const caption = `${series.stage}: ${series.okDays} ok, ${series.failedDays} failed, ${series.missingDays} missing day(s); ${formatCount(records)} records on ok days`;
  return [
    `<figure class="stage${series.failedDays ? ' has-failed' : ''}" id="stage-${slug(series.dataSource)}-${slug(series.stage)}" data-data-source="${escapeHtml(series.dataSource)}" data-stage="${escapeHtml(series.stage)}" data-failed-days="${series.failedDays}" data-missing-days="${series.missingDays}">`,
    `<figcaption>${escapeHtml(caption)}</figcaption>`,
    stageChart(series),
    '</figure>',
  ].join('\n');
}

function sensorsSection(data: PerfmetReportData): string {
  const parts = [
    '<section id="sensors">',
    '<h2>Sensors</h2>',
    `<p class="note">Each sensor's observation (one number per collection day) against its expected value: the mean of its observations on the 7 days before, the day itself excluded. A sensor is judged on its data source's latest collection day: <b>dead</b> when it reported on one of the 7 days before but not that day, <b>silent</b> when it reported 0 or nothing, <b>anomalous</b> when it is more than ${escapeHtml(formatValue(data.thresholdPercent))} % away from expected.</p>`,
    '<h3 id="flagged-heading">Flagged sensors</h3>',
  ];
  if (data.flagged.length === 0) parts.push('<p class="empty" id="no-flagged">No sensor flagged.</p>');
  else {
    parts.push('<ul id="flagged-sensors">');
    for (const flag of data.flagged) {
      parts.push(
        `<li class="flag flag-${flag.kind}" data-flag="${flag.kind}" data-sensor-id="${flag.sensorId}" data-data-source="${escapeHtml(flag.dataSource)}" data-data-type="${escapeHtml(flag.dataType)}" data-sensor-name="${escapeHtml(flag.sensorName)}">` +
          `<span class="badge badge-${flag.kind}">${flag.kind}</span> <a href="#${flag.sensorId}">${escapeHtml(`${flag.dataSource} · ${flag.dataType} · ${flag.sensorName}`)}</a>: <span class="reason">${escapeHtml(flag.reason)}</span></li>`,
      );
    }
    parts.push('</ul>');
  }
  parts.push(SENSOR_LEGEND);
  if (data.sensors.length === 0) parts.push('<p class="empty" id="no-sensors">No observation in the collection window.</p>');
  for (const [, sensors] of groupBy(data.sensors, (sensor) => `${sensor.dataSource}\u0000${sensor.dataType}`)) {
    const { dataSource, dataType, latestDay } = sensors[0];
    parts.push(
      `<section class="sensor-group" data-data-source="${escapeHtml(dataSource)}" data-data-type="${escapeHtml(dataType)}">`,
      `<h3>${escapeHtml(`${dataSource} · ${dataType}`)} <small>judged on ${escapeHtml(latestDay)}</small></h3>`,
      '<table class="sensors"><thead><tr><th>sensor</th><th>status</th><th>observed</th><th>expected</th><th>deviation</th><th>per collection day</th></tr></thead><tbody>',
      ...sensors.map((sensor) => sensorRow(sensor, data.collection.days)),
      '</tbody></table>',
      '</section>',
    );
  }
  parts.push('</section>');
  return parts.join('\n');
}

function sensorRow(sensor: SensorReport, days: readonly string[]): string {
  const latest = sensor.points.find((point) => point.day === sensor.latestDay);
  const observed = latest ? formatValue(latest.data) : `none (last ${sensor.lastObservedDay ?? '–'})`;
  const expected = sensor.expected === null ? 'no history' : `${formatValue(sensor.expected)} (${sensor.historyDays} d)`;
  const reason = sensor.flag ? `<div class="reason">${escapeHtml(sensor.flag.reason)}</div>` : '';
  return (
    `<tr class="sensor status-${sensor.status}" id="${sensor.id}" data-status="${sensor.status}" data-data-source="${escapeHtml(sensor.dataSource)}" data-data-type="${escapeHtml(sensor.dataType)}" data-sensor-name="${escapeHtml(sensor.sensorName)}" data-latest-day="${sensor.latestDay}">` +
    `<th scope="row">${escapeHtml(sensor.sensorName)}</th>` +
    `<td><span class="badge badge-${sensor.status}">${sensor.status}</span>${reason}</td>` +
    `<td class="num">${escapeHtml(observed)}</td>` +
    `<td class="num">${escapeHtml(expected)}</td>` +
    `<td class="num">${escapeHtml(formatDeviation(latest?.deviation ?? null))}</td>` +
    `<td class="chart">${sensorChart(sensor, days)}</td></tr>`
  );
}

function jobsSection(data: PerfmetReportData): string {
  const { jobs } = data;
  const parts = [
    '<section id="jobs">',
    '<h2>Collection time ranges of the jobs</h2>',
    `<p class="note">${formatCount(jobs.total)} job(s) processed in the window, ${formatCount(jobs.withRange)} with a collection range (a run with no item has none). Each bar is one job's collection_start → collection_end over the collection window.</p>`,
    coverageChart(jobs.listed, data.collection),
    '<table id="job-table"><thead><tr><th>processed</th><th>data source</th><th>stage</th><th>collection start</th><th>collection end</th><th>records</th><th>seconds</th><th>failed items</th></tr></thead><tbody>',
  ];
  for (const job of [...jobs.listed].reverse()) {
    parts.push(
      `<tr class="job${job.failures ? ' job-failed' : ''}" data-data-source="${escapeHtml(job.dataSource)}" data-stage="${escapeHtml(job.stage)}" data-failures="${job.failures}">` +
        `<td>${escapeHtml(job.processingDate)}</td><td>${escapeHtml(job.dataSource)}</td><td>${escapeHtml(job.stage)}</td>` +
        `<td>${escapeHtml(job.collectionStart ?? '–')}</td><td>${escapeHtml(job.collectionEnd ?? '–')}</td>` +
        `<td class="num">${formatCount(job.records)}</td><td class="num">${formatSeconds(job.seconds)}</td><td class="num">${formatCount(job.failures)}</td></tr>`,
    );
  }
  parts.push('</tbody></table>');
  if (jobs.omitted > 0) parts.push(`<p class="note" id="jobs-omitted">${formatCount(jobs.omitted)} older job(s) not listed.</p>`);
  parts.push('</section>');
  return parts.join('\n');
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'x';
}

const STAGE_LEGEND = `<div class="legend" id="stage-legend"><span><svg width="14" height="12" aria-hidden="true"><rect class="bar bar-records" x="2" y="1" width="10" height="10"/></svg> ran (records)</span><span><svg width="14" height="12" aria-hidden="true"><rect class="bar bar-seconds" x="2" y="1" width="10" height="10"/></svg> ran (seconds)</span><span><svg width="14" height="12" aria-hidden="true"><path class="marker-failed" d="M2,11L7,1L12,11Z"/></svg> failed (items failed; no bar)</span><span><svg width="14" height="12" aria-hidden="true"><circle class="marker-missing" cx="7" cy="6" r="4"/></svg> missing (did not run; no bar)</span></div>`;

const SENSOR_LEGEND = `<div class="legend" id="sensor-legend"><span><svg width="26" height="12" aria-hidden="true"><polyline class="observed-line" points="1,9 25,3"/><circle class="point" cx="13" cy="6" r="3"/></svg> observation</span><span><svg width="26" height="12" aria-hidden="true"><polyline class="expected-line" points="1,6 25,6"/></svg> expected (mean of the 7 days before)</span><span><svg width="14" height="12" aria-hidden="true"><circle class="point point-unusual" cx="7" cy="6" r="4"/></svg> silent or anomalous day</span><span><svg width="14" height="12" aria-hidden="true"><rect class="point point-null" x="3" y="2" width="8" height="8"/></svg> null observation</span><span><svg width="14" height="12" aria-hidden="true"><path class="marker-dead" d="M2,1L12,11M2,11L12,1"/></svg> no observation on the day judged (dead)</span></div>`;

const STYLE = `
:root{color-scheme:light;--ok:#2b6cb0;--sec:#6b46c1;--bad:#c53030;--miss:#718096;--warn:#dd6b20;--obs:#2f855a;--line:#cbd5e0}
*{box-sizing:border-box}
body{margin:0;padding:1.5rem;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1a202c;background:#f7fafc}
h1{font-size:1.5rem;margin:0 0 .5rem}h2{font-size:1.2rem;margin:2rem 0 .5rem;border-bottom:1px solid var(--line);padding-bottom:.25rem}h3{font-size:1rem;margin:1.25rem 0 .5rem}
h3 small{font-weight:normal;color:#4a5568}
.meta{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:0 0 1rem}.meta dt{font-weight:600}.meta dd{margin:0}
.cards{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;padding:0;margin:0}
.card{background:#fff;border:1px solid var(--line);border-radius:6px;padding:.4rem .75rem}.card.alert{border-color:var(--bad);color:var(--bad)}
.legend{display:flex;flex-wrap:wrap;gap:1rem;margin:.5rem 0;color:#4a5568}.legend span{display:inline-flex;align-items:center;gap:.3rem}
figure.stage{margin:.5rem 0 1rem;background:#fff;border:1px solid var(--line);border-radius:6px;padding:.5rem;max-width:790px}
figure.stage.has-failed{border-color:var(--bad)}figcaption{font-weight:600;margin-bottom:.25rem}
svg.lake-chart{display:block;max-width:100%;height:auto;overflow:visible}
.axis,.lane{stroke:#a0aec0;stroke-width:1}.lane{stroke:#edf2f7}
.tick,.lane-label,.panel-title,.empty{font-size:10px;fill:#4a5568}.panel-title{font-weight:600}
.bar-records{fill:var(--ok)}.bar-seconds{fill:var(--sec)}
.marker-failed{fill:var(--bad)}.marker-missing{fill:none;stroke:var(--miss);stroke-width:1.2}
.observed-line{fill:none;stroke:var(--obs);stroke-width:1.5}.expected-line{fill:none;stroke:var(--miss);stroke-width:1.5;stroke-dasharray:4 3}
.point{fill:var(--obs)}.point-unusual{fill:var(--warn);stroke:var(--bad);stroke-width:1}.point-null{fill:#fff;stroke:var(--bad);stroke-width:1.5}
.marker-dead{stroke:var(--bad);stroke-width:2.5;fill:none}
.job-range{fill:var(--ok);fill-opacity:.35}.job-failed{fill:var(--bad);fill-opacity:.6}
#flagged-sensors{padding-left:1.2rem}#flagged-sensors li{margin:.2rem 0}
.badge{display:inline-block;border-radius:4px;padding:0 .4rem;font-size:12px;font-weight:600;background:#e2e8f0;color:#2d3748}
.badge-dead,.badge-silent{background:var(--bad);color:#fff}.badge-anomalous{background:var(--warn);color:#fff}.badge-ok{background:#c6f6d5;color:#22543d}
table{border-collapse:collapse;background:#fff;margin:.5rem 0}th,td{border:1px solid var(--line);padding:.25rem .5rem;text-align:left;vertical-align:middle}
td.num{text-align:right;white-space:nowrap}td.chart{min-width:430px}tr.status-dead th,tr.status-silent th{color:var(--bad)}tr.status-anomalous th{color:var(--warn)}
tr.job-failed td{color:var(--bad)}.reason{font-size:12px;color:#4a5568;max-width:28rem}.note{color:#4a5568;max-width:60rem}
`.trim();
