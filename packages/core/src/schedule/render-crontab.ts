// A crontab: one line per run, in the schedule's zone through CRON_TZ.
import path from 'node:path';
import { commandWords, type ResolvedSchedule, type ScheduleEntry } from './resolve-schedule';
import { commonHeader, entryTitle, wrap } from './schedule-comments';
import { InvalidSchedule } from './schedule-errors';
import { crontabCommand, crontabWord } from './shell-quote';

export interface CrontabOptions {
  /** Append each run's output to `<logDir>/<entry id>.log` (default: cron mails it). */
  logDir?: string;
}

export function renderCrontab(schedule: ResolvedSchedule, options: CrontabOptions = {}): string {
  const zone = schedule.timeZone;
  const header = [
    ...commonHeader(schedule, 'crontab'),
    '',
    ...wrap(
      `CRON_TZ below makes cronie (RHEL, Fedora, Arch, …) read every time in ${zone}, whatever the host's zone. ` +
        `A cron without CRON_TZ (Debian's and Ubuntu's among them) ignores it and reads the times in the host's zone: ` +
        `there, set the host's zone (timedatectl set-timezone ${zone}) or convert the times. ` +
        'lake itself takes day boundaries from timeZone in lake.config.json, never from the host.',
    ),
    ...wrap("cron's PATH is short (/usr/bin:/bin): set schedule.lakeBin to an absolute path when lake is installed elsewhere."),
  ];
  const lines = [...header.map(comment), `CRON_TZ=${zone}`];
  for (const entry of schedule.entries) lines.push('', comment(entryTitle(entry)), `${entry.cron} ${crontabCommand(commandWords(schedule, entry))}${logRedirect(entry, options.logDir)}`);
  return `${lines.join('\n')}\n`;
}

function logRedirect(entry: ScheduleEntry, logDir: string | undefined): string {
  if (!logDir) return '';
  if (/[\r\n\0]/.test(logDir)) throw new InvalidSchedule('log folder', 'cannot hold a line break or NUL character', 'choose another folder');
  const file = path.posix.join(logDir, `${entry.id.replace(/:/g, '-')}.log`);
  return ` >> ${crontabWord(file)} 2>&1`;
}

function comment(line: string): string {
  return line === '' ? '#' : `# ${line.replace(/[\r\n]+/g, ' ')}`;
}
