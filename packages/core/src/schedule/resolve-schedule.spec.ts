// The schedule section → ordered runs: the original deployment's nightly order by default, config
// overrides per entry, and errors that name the setting at fault.
import { LakeError } from '../errors';
import { Registry } from '../registry/registry';
import { testStagePlugin } from './test-support/schedule-stages';
import { resolveSchedule, type ResolvedSchedule } from './resolve-schedule';
import type { ScheduleConfig } from './schedule-config';

const NOW = new Date('2026-06-01T12:00:00Z');
const resolve = (schedule?: ScheduleConfig, extra: Parameters<typeof resolveSchedule>[1] = {}): ResolvedSchedule =>
  resolveSchedule({ schedule }, { now: NOW, ...extra });

function errorOf(action: () => unknown): LakeError {
  try {
    action();
  } catch (error) {
    if (error instanceof LakeError) return error;
    throw error;
  }
  throw new Error('expected a LakeError');
}

describe('resolveSchedule', () => {
  it('defaults to the original nightly order, times and arguments', () => {
    const schedule = resolve();
    expect(schedule.entries.map((entry) => `${entry.at} ${entry.command} ${entry.args.join(' ')}`)).toEqual([
      '00:30 bt:insert -r 0 -s 60',
      '01:00 wt:insert -r 0 -s 60',
      '01:30 gs:insert -r 0 -s 60',
      '03:00 bt:standard -r 0 -s 30',
      '03:30 wt:standard -r 0 -s 30',
      '04:00 gs:standard -r 0 -s 30',
      '05:00 bt:ready -r 0 -s 30',
      '05:30 gs:ready -r 0 -s 30',
      '06:00 gs:ready-agg -r 0 -s 30',
      '06:30 wt:ready -r 0 -s 30',
      '07:00 bt:publish -r 0 -s 30',
      '07:30 wt:publish -r 0 -s 30',
      '08:30 gs:publish -r 0 -s 30',
    ]);
    expect(schedule.entries.filter((entry) => entry.cityNetwork).map((entry) => entry.id)).toEqual(['bt:insert', 'wt:insert', 'gs:insert']);
    expect(schedule.entries[0]).toMatchObject({ cron: '30 0 * * *', minuteOfDay: 30, dataSource: 'bt' });
    expect(schedule).toMatchObject({ timeZone: 'America/Chicago', lakeBin: 'lake', retries: 2, retryDelayMinutes: 10, image: null, configPath: null, warnings: [], disabled: [] });
  });

  it('uses the lake\'s timeZone unless the schedule names its own, and writes zone names as tzdata spells them', () => {
    expect(resolveSchedule({ timeZone: 'America/Denver' }, { now: NOW }).timeZone).toBe('America/Denver');
    expect(resolveSchedule({ timeZone: 'America/Denver', schedule: { timeZone: 'america/new_york' } }, { now: NOW }).timeZone).toBe('America/New_York');
  });

  it('overrides a default entry field by field and adds new entries in time order', () => {
    const schedule = resolve({
      lakeBin: '/opt/lake/bin/lake',
      retries: 0,
      retryDelayMinutes: 2.5,
      entries: {
        'bt:insert': { at: '02:15', args: ['-s', '7'] },
        'wt:insert': { cityNetwork: false },
        'gs:publish': { enabled: false },
        'bt:insert-archive': { command: 'bt:insert', at: '30 23 * * 0', args: ['-d', '/mnt/archive'], cityNetwork: true },
        'catalog-check': { command: 'catalog:verify', at: '09:00' },
      },
    });
    const byId = Object.fromEntries(schedule.entries.map((entry) => [entry.id, entry]));
    expect(byId['bt:insert']).toMatchObject({ cron: '15 2 * * *', args: ['-s', '7'], cityNetwork: true });
    expect(byId['wt:insert']).toMatchObject({ cron: '0 1 * * *', args: ['-r', '0', '-s', '60'], cityNetwork: false });
    expect(byId['bt:insert-archive']).toMatchObject({ command: 'bt:insert', dataSource: 'bt', cron: '30 23 * * 0', cityNetwork: true, description: null });
    expect(byId['catalog-check']).toMatchObject({ command: 'catalog:verify', dataSource: 'catalog', args: [], cityNetwork: false });
    expect(schedule.disabled).toEqual(['gs:publish']);
    expect(schedule.entries.map((entry) => entry.id).slice(0, 3)).toEqual(['wt:insert', 'gs:insert', 'bt:insert']);
    expect(schedule.entries.map((entry) => entry.id).slice(-3)).toEqual(['wt:publish', 'catalog-check', 'bt:insert-archive']);
    expect(schedule).toMatchObject({ lakeBin: '/opt/lake/bin/lake', retries: 0, retryDelayMinutes: 2.5 });
  });

  it('starts from an empty schedule with useDefaults: false', () => {
    const schedule = resolve({ useDefaults: false, entries: { pipeline: { at: '02:00', args: ['-s', '30'] } } });
    expect(schedule.entries.map((entry) => entry.id)).toEqual(['pipeline']);
  });

  it('lets options win over the config for the image and the lake executable', () => {
    const schedule = resolve({ image: 'lake:1', lakeBin: 'lake' }, { image: 'lake:2', lakeBin: '/usr/local/bin/lake' });
    expect(schedule).toMatchObject({ image: 'lake:2', lakeBin: '/usr/local/bin/lake' });
  });

  it.each([
    [{ entries: { 'bt:insert': { at: '24:00' } } }, 'schedule.entries["bt:insert"].at: "24:00" is not a time of day'],
    [{ entries: { 'bt:insert': { at: '1:5' } } }, 'schedule.entries["bt:insert"].at: "1:5" is not a time of day'],
    [{ entries: { 'bt:insert': { at: '0 1 * *' } } }, 'is neither HH:MM nor a cron expression of 5 fields (it has 4)'],
    [{ entries: { 'bt:insert': { at: 7 } } }, 'schedule.entries["bt:insert"].at: must be a non-empty string'],
    [{ entries: { 'bt:insert': { time: '01:00' } } }, 'schedule.entries["bt:insert"]: unknown setting "time"'],
    [{ entries: { 'bt:insert': { args: '-s 60' } } }, 'schedule.entries["bt:insert"].args: must be an array of strings'],
    [{ entries: { 'bt:insert': { args: ['-d', 'a\nb'] } } }, 'schedule.entries["bt:insert"].args[1]: cannot hold a line break'],
    [{ entries: { 'bt:insert': { enabled: 'no' } } }, 'schedule.entries["bt:insert"].enabled: must be true or false'],
    [{ entries: { 'my:new': { args: [] } } }, 'schedule.entries["my:new"]: a new entry needs "at"'],
    [{ entries: { 'rm -rf': { at: '01:00' } } }, '"rm -rf" is not a command id'],
    [{ entries: { 'x:y': { command: 'x; reboot', at: '01:00' } } }, '"x; reboot" is not a command id'],
    [{ retries: 1.5 }, 'schedule.retries: must be a whole number ≥ 0'],
    [{ retryDelayMinutes: -1 }, 'schedule.retryDelayMinutes: must be a number ≥ 0'],
    [{ timeZone: 'Mars/Olympus' }, 'schedule.timeZone: unknown time zone "Mars/Olympus"'],
    [{ image: 'lake 1' }, 'schedule.image: "lake 1" is not a container image reference'],
    [{ kubernetes: { namespace: 'ATD' } }, 'schedule.kubernetes.namespace: "ATD" is not valid'],
    [{ airflow: { dagId: 'lake nightly' } }, 'schedule.airflow.dagId: "lake nightly" is not valid'],
    [{ hourly: true }, 'schedule: unknown setting "hourly"'],
    [{ useDefaults: false }, 'schedule: no entry is enabled'],
  ])('refuses %j with a clear error', (schedule, message) => {
    const error = errorOf(() => resolve(schedule as ScheduleConfig));
    expect(error.code).toBe('INVALID_SCHEDULE');
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain(message);
    expect(error.hint).toBeTruthy();
  });

  describe('with the installed stages known', () => {
    const registry = new Registry().register(testStagePlugin(['bt:insert', 'bt:standard', 'bt:ready', 'bt:publish']));

    it('takes each entry\'s data source from its stage', () => {
      const schedule = resolve({ useDefaults: false, entries: { nightly: { command: 'bt:ready', at: '05:00' } } }, { registry });
      expect(schedule.entries[0]).toMatchObject({ id: 'nightly', dataSource: 'bt-test' });
    });

    it('refuses a command of an installed topic that does not exist, naming its siblings', () => {
      const error = errorOf(() => resolve({ entries: { 'bt:readdy': { at: '05:00' } } }, { registry }));
      expect(error.code).toBe('UNKNOWN_SCHEDULE_COMMAND');
      expect(error.message).toBe('schedule.entries["bt:readdy"].command: no lake command "bt:readdy" is installed');
      expect(error.hint).toBe('installed commands of that topic: bt:insert, bt:publish, bt:ready, bt:standard');
    });

    it('keeps, with a warning, the runs of plugins not installed here', () => {
      const schedule = resolve(undefined, { registry });
      expect(schedule.entries).toHaveLength(13);
      expect(schedule.warnings).toHaveLength(9);
      expect(schedule.warnings[0]).toBe('schedule.entries["wt:insert"].command: no installed plugin provides "wt:insert"; it is exported anyway (install the plugin where the schedule runs)');
    });

    it('accepts the host\'s other commands', () => {
      const schedule = resolve({ useDefaults: false, entries: { check: { command: 'catalog:verify', at: '09:00' } } }, { registry, knownCommands: ['catalog:verify', 'pipeline'] });
      expect(schedule.warnings).toEqual([]);
    });
  });

  describe('clock changes (America/Chicago)', () => {
    it('finds the original\'s 01:00 and 01:30 runs in the hour repeated when clocks fall back', () => {
      expect(resolve().clockChanges).toEqual([
        { kind: 'repeated', time: '01:00', entries: ['wt:insert'] },
        { kind: 'repeated', time: '01:30', entries: ['gs:insert'] },
      ]);
    });

    it('finds a 02:30 run in the hour skipped when clocks spring forward', () => {
      const schedule = resolve({ entries: { 'bt:insert': { at: '02:30' } } });
      expect(schedule.clockChanges).toContainEqual({ kind: 'skipped', time: '02:30', entries: ['bt:insert'] });
      expect(schedule.clockChanges.map((change) => change.time)).not.toContain('00:30');
    });

    it('finds none in a zone without daylight-saving time', () => {
      expect(resolve({ timeZone: 'UTC' }).clockChanges).toEqual([]);
      expect(resolve({ timeZone: 'America/Phoenix' }).clockChanges).toEqual([]);
    });

    it('keeps the configured wall times whatever the zone (no conversion to UTC)', () => {
      const chicago = resolve();
      const utc = resolve({ timeZone: 'UTC' });
      expect(utc.entries.map((entry) => entry.cron)).toEqual(chicago.entries.map((entry) => entry.cron));
    });
  });
});
