// The one entry point: a lake config and a format → the text to install.
import type { LakeConfig } from '../config/lake-config';
import { renderAirflow } from './render-airflow';
import { renderCrontab } from './render-crontab';
import { renderKubernetes } from './render-kubernetes';
import { commandWords, resolveSchedule, type ResolveScheduleOptions, type ScheduleEntry } from './resolve-schedule';
import { SCHEDULE_FORMATS, type ScheduleFormat } from './schedule-config';
import { UnknownScheduleFormat } from './schedule-errors';
import { shellCommand } from './shell-quote';

export interface ExportScheduleOptions extends ResolveScheduleOptions {
  /** crontab only: append each run's output to `<logDir>/<entry id>.log`. */
  logDir?: string;
}

/** An entry as `--json` shows it: what runs, when, and the shell command line. */
export interface ExportedScheduleEntry extends ScheduleEntry {
  commandLine: string;
}

export interface ScheduleExport {
  format: ScheduleFormat;
  text: string;
  entries: ExportedScheduleEntry[];
  warnings: string[];
}

export function isScheduleFormat(format: string): format is ScheduleFormat {
  return (SCHEDULE_FORMATS as readonly string[]).includes(format);
}

/** The schedule in a format, with its entries and anything worth a warning. */
export function buildScheduleExport(config: LakeConfig, format: string, options: ExportScheduleOptions = {}): ScheduleExport {
  if (!isScheduleFormat(format)) throw new UnknownScheduleFormat(format);
  const schedule = resolveSchedule(config, options);
  const warnings = [...schedule.warnings];
  let text: string;
  if (format === 'crontab') text = renderCrontab(schedule, { logDir: options.logDir });
  else if (format === 'airflow') {
    const dag = renderAirflow(schedule);
    text = dag.text;
    warnings.push(...dag.warnings);
  } else text = renderKubernetes(schedule);
  const entries = schedule.entries.map((entry) => ({ ...entry, commandLine: shellCommand(commandWords(schedule, entry)) }));
  return { format, text, entries, warnings };
}

/** The schedule in a format, as text (crontab, Airflow DAG file or Kubernetes manifests). */
export function exportSchedule(config: LakeConfig, format: string, options: ExportScheduleOptions = {}): string {
  return buildScheduleExport(config, format, options).text;
}
