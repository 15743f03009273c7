// The crontab: CRON_TZ first, then one line per run with 5 valid cron fields and the lake command,
// each line running exactly the arguments configured once cron and sh have read it.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exportSchedule } from './export-schedule';
import type { ScheduleConfig } from './schedule-config';
import { argumentPrinter, cronCommand, printedArguments, runShell, splitCronLine } from './test-support/run-exported';

const NOW = new Date('2026-06-01T12:00:00Z');
const crontab = (schedule?: ScheduleConfig, logDir?: string, timeZone?: string) => exportSchedule({ timeZone, schedule }, 'crontab', { now: NOW, logDir });

/** The comment lines as one text, line breaks (from wrapping) read as spaces. */
const prose = (text: string) => text.split('\n').filter((line) => line.startsWith('#')).map((line) => line.replace(/^# ?/, '')).join(' ');
const jobLines = (text: string) => text.split('\n').filter((line) => line !== '' && !line.startsWith('#') && !line.startsWith('CRON_TZ='));

const RANGES: [number, number][] = [[0, 59], [0, 23], [1, 31], [1, 12], [0, 7]];

/** A cron field of numbers, `*`, ranges, steps and lists, each number within its range. */
function isValidField(field: string, [min, max]: [number, number]): boolean {
  return field.split(',').every((item) => {
    const match = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(item);
    if (!match) return false;
    const numbers = [match[2], match[3]].filter((value) => value !== undefined).map(Number);
    return numbers.every((value) => value >= min && value <= max) && (match[4] === undefined || Number(match[4]) > 0);
  });
}

describe('renderCrontab', () => {
  it('sets CRON_TZ to the lake\'s zone before any job line and explains it', () => {
    const text = crontab();
    const lines = text.split('\n');
    const zoneLine = lines.indexOf('CRON_TZ=America/Chicago');
    expect(zoneLine).toBeGreaterThan(0);
    expect(lines.findIndex((line) => /^\d/.test(line))).toBeGreaterThan(zoneLine);
    expect(lines.slice(0, zoneLine).every((line) => line.startsWith('#'))).toBe(true);
    const header = prose(lines.slice(0, zoneLine).join('\n'));
    expect(header).toContain('Times are wall-clock times in America/Chicago.');
    expect(header).toContain('A cron without CRON_TZ');
    expect(header).toContain('timedatectl set-timezone America/Chicago');
  });

  it('writes one line per run of the original nightly schedule, each with 5 valid cron fields and the lake command', () => {
    const lines = jobLines(crontab());
    expect(lines).toHaveLength(13);
    for (const line of lines) {
      const { fields, command } = splitCronLine(line);
      fields.forEach((field, index) => expect(isValidField(field, RANGES[index])).toBe(true));
      expect(command).toMatch(/^lake [a-z]+:[a-z-]+ -r 0 -s (60|30)$/);
    }
    expect(lines.slice(0, 4)).toEqual(['30 0 * * * lake bt:insert -r 0 -s 60', '0 1 * * * lake wt:insert -r 0 -s 60', '30 1 * * * lake gs:insert -r 0 -s 60', '0 3 * * * lake bt:standard -r 0 -s 30']);
    expect(lines[12]).toBe('30 8 * * * lake gs:publish -r 0 -s 30');
  });

  it('says which runs need the city network and which times a clock change repeats', () => {
    const text = crontab();
    expect(text).toContain('# bt:insert at 00:30 — Bluetooth ingest: AWAM files from the network share → raw (city network)\n30 0 * * *');
    expect(text).toContain('# bt:standard at 03:00 — Bluetooth raw → standardized\n0 3 * * *');
    expect(prose(text)).toContain('Clock change: 01:00 (wt:insert) comes twice on the night America/Chicago sets its clocks back; cron starts a job there once.');
    expect(prose(text)).toContain('Clock change: 01:30 (gs:insert) comes twice');
  });

  it('keeps the configured wall times in another zone and names that zone', () => {
    const text = crontab(undefined, undefined, 'Europe/Berlin');
    expect(text).toContain('\nCRON_TZ=Europe/Berlin\n');
    expect(jobLines(text)[0]).toBe('30 0 * * * lake bt:insert -r 0 -s 60');
    expect(prose(text)).not.toContain('Clock change'); // Berlin changes its clocks at 02:00 / 03:00
  });

  it('appends each run\'s output to its own log file when asked', () => {
    const lines = jobLines(crontab(undefined, '/var/log/lake'));
    expect(lines[0]).toBe('30 0 * * * lake bt:insert -r 0 -s 60 >> /var/log/lake/bt-insert.log 2>&1');
    expect(lines[8]).toBe('0 6 * * * lake gs:ready-agg -r 0 -s 30 >> /var/log/lake/gs-ready-agg.log 2>&1');
  });

  it('applies config overrides: times, cron expressions, arguments, disabled runs, the executable and --config', () => {
    const lines = jobLines(
      crontab({
        lakeBin: '/opt/lake/bin/lake',
        configPath: '/etc/lake/lake.config.json',
        entries: { 'bt:insert': { at: '45 23 * * 1-5', args: ['-s', '7'] }, 'gs:publish': { enabled: false }, 'wt:ready': { at: '6:45' } },
      }),
    );
    expect(lines).toHaveLength(12);
    expect(lines).toContain('45 6 * * * /opt/lake/bin/lake wt:ready -r 0 -s 30 --config /etc/lake/lake.config.json');
    expect(lines[lines.length - 1]).toBe('45 23 * * 1-5 /opt/lake/bin/lake bt:insert -s 7 --config /etc/lake/lake.config.json');
    expect(lines.some((line) => line.includes('gs:publish'))).toBe(false);
  });

  describe('run for real', () => {
    let root: string;
    beforeEach(() => {
      root = mkdtempSync(path.join(os.tmpdir(), 'lake-crontab-'));
    });
    afterEach(() => rmSync(root, { recursive: true, force: true }));

    it.each(['cronie', 'bsd'] as const)('passes paths with spaces, quotes, %% and $ through %s cron and sh unchanged', (flavour) => {
      const lakeBin = argumentPrinter(root);
      const configPath = path.join(root, `it's "the" 50% config.json`);
      const sourceFolder = `/mnt/AWAM share/it's "here" \\ 100%`;
      const logDir = path.join(root, `log's "dir" 1%`);
      runShell('sh', `mkdir -p '${logDir.replace(/'/g, `'\\''`)}'`, root);
      const text = crontab({ lakeBin, configPath, useDefaults: false, entries: { 'bt:insert': { at: '00:30', args: ['-d', sourceFolder, '-e', '$(date +%F)'] } } }, logDir);

      const [line] = jobLines(text);
      const { command, stdin } = cronCommand(splitCronLine(line).command, flavour);
      expect(stdin).toBeNull();
      runShell('sh', command, root);
      const printed = printedArguments(readFileSync(path.join(logDir, 'bt-insert.log'), 'utf8'));
      expect(printed).toEqual(['bt:insert', '-d', sourceFolder, '-e', '$(date +%F)', '--config', configPath]);
    });
  });
});
