// The report's charts as inline SVG strings, drawn in Node so the page needs no script. Every
// drawn mark has the class `mark` and a `<title>` (the browser's tooltip), and carries its day
// and status as data attributes for tests. Failed and missing stage days are drawn as markers
// where the bar would be, never as a bar.
import { escapeHtml, formatCount, formatDeviation, formatSeconds, formatValue } from './html-text';
import type { JobRange, SensorReport, StageDay, StageSeries } from './report-data';
import { compareDataSources, compareStages } from './compute-report';

interface Panel {
  x: number;
  y: number;
  width: number;
  height: number;
}

const STAGE_CHART = { width: 760, height: 110, gap: 24, labelWidth: 56, top: 22, bottom: 20 };
const SENSOR_CHART = { width: 420, height: 96, labelWidth: 56, top: 10, bottom: 20, right: 10 };
const COVERAGE_CHART = { width: 760, laneHeight: 18, labelWidth: 170, top: 8, bottom: 24, right: 10 };

/** Records and seconds per processing day of one data source's stage: two bar panels side by side. */
export function stageChart(series: StageSeries): string {
  const { width, height, gap, labelWidth, top, bottom } = STAGE_CHART;
  const panelWidth = (width - gap) / 2 - labelWidth;
  const panels = [
    { title: 'records per day', x: labelWidth, metric: 'records' as const, format: formatCount },
    { title: 'seconds per day', x: labelWidth * 2 + panelWidth + gap, metric: 'seconds' as const, format: formatSeconds },
  ];
  const label = `${series.dataSource} ${series.stage}: records and seconds per processing day`;
  const parts = [openSvg('stage-chart', width, height, label, { 'data-data-source': series.dataSource, 'data-stage': series.stage })];
  for (const panel of panels) {
    const area: Panel = { x: panel.x, y: top, width: panelWidth, height: height - top - bottom };
    const max = Math.max(0, ...series.days.filter((day) => day.status === 'ok').map((day) => day[panel.metric]));
    parts.push(`<g class="panel" data-metric="${panel.metric}">`);
    parts.push(`<text class="panel-title" x="${r(area.x)}" y="${r(top - 8)}">${escapeHtml(panel.title)}</text>`);
    parts.push(valueAxis(area, panel.format(max), panel.format(0)));
    parts.push(dayAxis(area, series.days.map((day) => day.day)));
    series.days.forEach((day, index) => parts.push(stageMark(area, series.days.length, index, day, day[panel.metric], max, panel.metric)));
    parts.push('</g>');
  }
  parts.push('</svg>');
  return parts.join('');
}

function stageMark(area: Panel, dayCount: number, index: number, day: StageDay, value: number, max: number, metric: 'records' | 'seconds'): string {
  const slot = area.width / dayCount;
  const centre = area.x + slot * (index + 0.5);
  const baseline = area.y + area.height;
  const markWidth = Math.max(1, Math.min(slot * 0.7, 18));
  const attributes = `data-day="${day.day}" data-status="${day.status}" data-metric="${metric}"`;
  if (day.status === 'missing') {
    const radius = Math.max(1.5, Math.min(4, markWidth / 2));
    const tip = `${day.day}: no run`;
    return `<circle class="mark marker-missing" ${attributes} cx="${r(centre)}" cy="${r(baseline - radius - 1)}" r="${r(radius)}"><title>${escapeHtml(tip)}</title></circle>`;
  }
  const runs = `${day.runs} run(s), ${formatCount(day.records)} records, ${formatSeconds(day.seconds)} s`;
  if (day.status === 'failed') {
    const size = Math.max(3, Math.min(10, markWidth));
    const tip = `${day.day}: FAILED — ${formatCount(day.failures)} failed item(s); ${runs}`;
    const path = `M${r(centre - size / 2)},${r(baseline - 1)}L${r(centre)},${r(baseline - 1 - size)}L${r(centre + size / 2)},${r(baseline - 1)}Z`;
    return `<path class="mark marker-failed" ${attributes} d="${path}"><title>${escapeHtml(tip)}</title></path>`;
  }
  // A run with 0 records (or 0.0 s) still shows: a bar of at least 1.5 px.
  const barHeight = Math.max(1.5, max > 0 ? (value / max) * area.height : 0);
  const tip = `${day.day}: ${runs}`;
  return `<rect class="mark bar bar-${metric}" ${attributes} data-value="${value}" x="${r(centre - markWidth / 2)}" y="${r(baseline - barHeight)}" width="${r(markWidth)}" height="${r(barHeight)}"><title>${escapeHtml(tip)}</title></rect>`;
}

/** One sensor's observations (solid, with points) against the expected value (dashed) over the collection days. */
export function sensorChart(sensor: SensorReport, days: readonly string[]): string {
  const { width, height, labelWidth, top, bottom, right } = SENSOR_CHART;
  const area: Panel = { x: labelWidth, y: top, width: width - labelWidth - right, height: height - top - bottom };
  const values = sensor.points.flatMap((point) => [point.data, point.expected]).filter((value): value is number => value !== null);
  if (sensor.expected !== null) values.push(sensor.expected);
  const max = Math.max(1, ...values);
  const min = Math.min(0, ...values);
  const slot = area.width / Math.max(1, days.length);
  const dayIndex = new Map(days.map((day, index) => [day, index]));
  const xOf = (day: string) => area.x + slot * ((dayIndex.get(day) ?? 0) + 0.5);
  const yOf = (value: number) => area.y + area.height - ((value - min) / (max - min)) * area.height;
  const baseline = yOf(Math.max(min, 0));

  const label = `${sensor.dataSource} ${sensor.dataType} ${sensor.sensorName}: observation against expected per collection day`;
  const parts = [openSvg('sensor-chart', width, height, label, { 'data-sensor-id': sensor.id })];
  parts.push(valueAxis(area, formatValue(max), formatValue(min)));
  parts.push(dayAxis(area, days));
  parts.push(polylines('expected-line', sensor.points.map((point) => (point.expected === null ? null : [xOf(point.day), yOf(point.expected)]))));
  parts.push(polylines('observed-line', sensor.points.map((point) => (point.data === null ? null : [xOf(point.day), yOf(point.data)]))));
  for (const point of sensor.points) {
    const tip = `${point.day}: observed ${formatValue(point.data)}, expected ${formatValue(point.expected)} (${point.historyDays} day(s) before), deviation ${formatDeviation(point.deviation)}`;
    const attributes = `data-day="${point.day}" data-unusual="${point.unusual}"`;
    if (point.data === null) {
      // A null observation sits on the baseline as a hollow square.
      parts.push(`<rect class="mark point point-null" ${attributes} x="${r(xOf(point.day) - 3.5)}" y="${r(baseline - 7)}" width="7" height="7"><title>${escapeHtml(tip)}</title></rect>`);
    } else {
      parts.push(`<circle class="mark point${point.unusual ? ' point-unusual' : ''}" ${attributes} cx="${r(xOf(point.day))}" cy="${r(yOf(point.data))}" r="${point.unusual ? 4 : 3}"><title>${escapeHtml(tip)}</title></circle>`);
    }
  }
  if (sensor.status === 'dead' && dayIndex.has(sensor.latestDay)) {
    const x = xOf(sensor.latestDay);
    const y = baseline - 6;
    const tip = `${sensor.latestDay}: no observation (${sensor.flag?.reason ?? 'dead'})`;
    parts.push(`<path class="mark marker-dead" data-day="${sensor.latestDay}" d="M${r(x - 5)},${r(y - 5)}L${r(x + 5)},${r(y + 5)}M${r(x - 5)},${r(y + 5)}L${r(x + 5)},${r(y - 5)}"><title>${escapeHtml(tip)}</title></path>`);
  }
  parts.push('</svg>');
  return parts.join('');
}

/**
 * The collection range of each job (collection_start → collection_end) on the collection window's
 * time axis, one lane per data source and stage; overlapping re-runs darken. Jobs without a range
 * (no items) are only in the table.
 */
export function coverageChart(jobs: readonly JobRange[], window: { startMs: number; endMs: number; days: readonly string[] }): string {
  const { width, laneHeight, labelWidth, top, bottom, right } = COVERAGE_CHART;
  const ranged = jobs.filter((job) => job.startMs !== null && job.endMs !== null);
  const lanes = [...new Map(ranged.map((job) => [`${job.dataSource}\u0000${job.stage}`, job])).values()]
    .sort((a, b) => compareDataSources(a.dataSource, b.dataSource) || compareStages(a.stage, b.stage))
    .map((job) => ({ dataSource: job.dataSource, stage: job.stage }));
  const height = top + bottom + Math.max(1, lanes.length) * laneHeight;
  const area: Panel = { x: labelWidth, y: top, width: width - labelWidth - right, height: height - top - bottom };
  const span = Math.max(1, window.endMs - window.startMs);
  const xOf = (ms: number) => area.x + ((Math.min(Math.max(ms, window.startMs), window.endMs) - window.startMs) / span) * area.width;

  const parts = [openSvg('coverage-chart', width, height, 'Collection time range of each job', {})];
  parts.push(dayAxis(area, window.days));
  lanes.forEach((lane, index) => {
    const y = area.y + index * laneHeight;
    parts.push(`<text class="lane-label" x="${r(area.x - 6)}" y="${r(y + laneHeight * 0.7)}" text-anchor="end">${escapeHtml(`${lane.dataSource} ${lane.stage}`)}</text>`);
    parts.push(`<line class="lane" x1="${r(area.x)}" x2="${r(area.x + area.width)}" y1="${r(y + laneHeight)}" y2="${r(y + laneHeight)}"/>`);
  });
  if (lanes.length === 0) parts.push(`<text class="empty" x="${r(area.x)}" y="${r(area.y + laneHeight * 0.7)}">no job recorded a collection range</text>`);
  for (const job of ranged) {
    const lane = lanes.findIndex((candidate) => candidate.dataSource === job.dataSource && candidate.stage === job.stage);
    const start = xOf(job.startMs as number);
    const end = xOf(job.endMs as number);
    if ((job.endMs as number) <= window.startMs || (job.startMs as number) >= window.endMs) continue;
    const y = area.y + lane * laneHeight + 3;
    const status = job.failures > 0 ? 'failed' : 'ok';
    const tip = `${job.dataSource} ${job.stage}, run ${job.processingDate}: ${job.collectionStart} → ${job.collectionEnd}; ${formatCount(job.records)} records${job.failures ? `, ${formatCount(job.failures)} FAILED item(s)` : ''}`;
    parts.push(
      `<rect class="mark job-range job-${status}" data-data-source="${escapeHtml(job.dataSource)}" data-stage="${escapeHtml(job.stage)}" data-status="${status}" x="${r(start)}" y="${r(y)}" width="${r(Math.max(1.5, end - start))}" height="${r(laneHeight - 6)}"><title>${escapeHtml(tip)}</title></rect>`,
    );
  }
  parts.push('</svg>');
  return parts.join('');
}

function openSvg(kind: string, width: number, height: number, label: string, data: Record<string, string>): string {
  const attributes = Object.entries(data).map(([name, value]) => ` ${name}="${escapeHtml(value)}"`).join('');
  return `<svg class="lake-chart ${kind}" role="img" aria-label="${escapeHtml(label)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}"${attributes}><title>${escapeHtml(label)}</title>`;
}

function valueAxis(area: Panel, maxText: string, minText: string): string {
  const bottom = area.y + area.height;
  return (
    `<line class="axis" x1="${r(area.x)}" x2="${r(area.x)}" y1="${r(area.y)}" y2="${r(bottom)}"/>` +
    `<text class="tick" x="${r(area.x - 4)}" y="${r(area.y + 8)}" text-anchor="end">${escapeHtml(maxText)}</text>` +
    `<text class="tick" x="${r(area.x - 4)}" y="${r(bottom)}" text-anchor="end">${escapeHtml(minText)}</text>`
  );
}

/** The baseline with the first and last day under it (MM-DD), and the middle one when there is room. */
function dayAxis(area: Panel, days: readonly string[]): string {
  const bottom = area.y + area.height;
  const parts = [`<line class="axis" x1="${r(area.x)}" x2="${r(area.x + area.width)}" y1="${r(bottom)}" y2="${r(bottom)}"/>`];
  if (days.length === 0) return parts.join('');
  const slot = area.width / days.length;
  const labelled = days.length >= 5 ? [0, Math.floor(days.length / 2), days.length - 1] : days.map((_, index) => index);
  for (const index of new Set(labelled)) {
    const anchor = index === 0 ? 'start' : index === days.length - 1 ? 'end' : 'middle';
    const x = anchor === 'start' ? area.x : anchor === 'end' ? area.x + area.width : area.x + slot * (index + 0.5);
    parts.push(`<text class="tick" x="${r(x)}" y="${r(bottom + 14)}" text-anchor="${anchor}">${escapeHtml(days[index].slice(5))}</text>`);
  }
  return parts.join('');
}

/** Polylines through the points, broken where a point is null. */
function polylines(kind: string, points: ([number, number] | null)[]): string {
  const runs: [number, number][][] = [[]];
  for (const point of points) {
    if (point === null) runs.push([]);
    else runs[runs.length - 1].push(point);
  }
  return runs
    .filter((run) => run.length > 1)
    .map((run) => `<polyline class="${kind}" points="${run.map(([x, y]) => `${r(x)},${r(y)}`).join(' ')}"/>`)
    .join('');
}

/** Coordinates to 2 decimals: shorter text, same picture. */
function r(value: number): string {
  return String(Math.round(value * 100) / 100);
}
