// The entry point: a format name picks the renderer; the export carries the entries (with their
// shell command line) and every warning, for `--json`.
import { LakeError } from '../errors';
import { buildScheduleExport, exportSchedule, isScheduleFormat } from './export-schedule';

const NOW = new Date('2026-06-01T12:00:00Z');

describe('exportSchedule', () => {
  it('knows the three formats', () => {
    expect(['crontab', 'airflow', 'k8s'].every(isScheduleFormat)).toBe(true);
    expect(isScheduleFormat('kubernetes')).toBe(false);
  });

  it('refuses an unknown format, naming the known ones', () => {
    let error: unknown;
    try {
      exportSchedule({}, 'systemd', { now: NOW });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(LakeError);
    expect(error).toMatchObject({ code: 'UNKNOWN_SCHEDULE_FORMAT', message: 'unknown schedule format "systemd"', hint: 'use one of: crontab, airflow, k8s', exitCode: 2 });
  });

  it('returns the same text as the full export', () => {
    for (const format of ['crontab', 'airflow', 'k8s']) {
      expect(exportSchedule({}, format, { now: NOW, image: 'lake:1' })).toBe(buildScheduleExport({}, format, { now: NOW, image: 'lake:1' }).text);
    }
  });

  it('lists each entry with its shell command line', () => {
    const exported = buildScheduleExport({ schedule: { lakeBin: '/opt/my lake/lake', configPath: '/etc/lake/lake.config.json' } }, 'crontab', { now: NOW });
    expect(exported.format).toBe('crontab');
    expect(exported.entries).toHaveLength(13);
    expect(exported.entries[0]).toEqual({
      id: 'bt:insert',
      command: 'bt:insert',
      dataSource: 'bt',
      at: '00:30',
      cron: '30 0 * * *',
      minuteOfDay: 30,
      args: ['-r', '0', '-s', '60'],
      cityNetwork: true,
      description: 'Bluetooth ingest: AWAM files from the network share → raw',
      commandLine: "'/opt/my lake/lake' bt:insert -r 0 -s 60 --config /etc/lake/lake.config.json",
    });
  });

  it('gathers the warnings of the config and of the format', () => {
    const exported = buildScheduleExport({ schedule: { entries: { 'bt:publish': { at: '0 7 * * 1' } } } }, 'airflow', { now: NOW, knownCommands: ['bt:insert', 'bt:standard', 'bt:ready', 'bt:publish'] });
    expect(exported.warnings).toHaveLength(10);
    expect(exported.warnings.filter((warning) => warning.includes('no installed plugin provides'))).toHaveLength(9);
    expect(exported.warnings[9]).toContain('bt:publish runs on "0 7 * * 1"');
  });
});
