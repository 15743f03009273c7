import { MemoryLogger } from '../log/logger';
import { LakeTime } from '../time/lake-time';
import { compare, type CompareOptions } from './compare';
import type { DateRange, KeyMode, Provider } from './provider';
import { collect, item, ListProvider, openRange } from './test-support/list-provider';

const time = new LakeTime('America/Chicago', () => new Date('2020-12-15T18:00:00Z'));
const at = (text: string) => time.parse(text);

function options(overrides: Partial<CompareOptions> = {}): CompareOptions {
  return { range: openRange(at('2020-09-01')), keyMode: 'base', force: false, time, log: new MemoryLogger(), ...overrides };
}

async function run(source: Provider<string>, target: Provider | null, overrides: Partial<CompareOptions> = {}) {
  return collect(compare(source, target, options(overrides)));
}

const labels = (work: { label: string; date: Date }[]) => work.map((w) => `${w.label}@${time.calendarDate(w.date)}`);

describe('compare: keys', () => {
  const target = () => new ListProvider([item('Austin', 'json', at('2020-09-13'))]);
  const source = () => new ListProvider([item('Austin', 'csv', at('2020-09-13')), item('Austin', 'csv', at('2020-09-14'))]);

  it('keyed by base, any target file of the day suppresses every source file of that day', async () => {
    expect(labels(await run(source(), target(), { keyMode: 'base' }))).toEqual(['Austin.csv@2020-09-14']);
  });

  it('keyed by base and ext, a target file only suppresses the same file type', async () => {
    expect(labels(await run(source(), target(), { keyMode: 'base+ext' }))).toEqual(['Austin.csv@2020-09-13', 'Austin.csv@2020-09-14']);
  });

  it('keys on the base alone, so another base is never suppressed', async () => {
    const other = new ListProvider([item('Other', 'csv', at('2020-09-13'))]);
    expect(labels(await run(other, target()))).toEqual(['Other.csv@2020-09-13']);
  });
});

describe('compare: unit_data. and site. side files', () => {
  const source = () => new ListProvider([item('Austin', 'csv', at('2020-09-13'))]);

  it.each(['unit_data.json', 'UNIT_DATA.json', 'site.json', 'Site.JSON'])('ignores a %s target in base mode', async (ext) => {
    const target = new ListProvider([item('Austin', ext, at('2020-09-13'))]);
    expect(labels(await run(source(), target, { keyMode: 'base' }))).toEqual(['Austin.csv@2020-09-13']);
  });

  it('keeps side-file targets in base+ext mode', async () => {
    const sideSource = new ListProvider([item('Austin', 'unit_data.json', at('2020-09-13'))]);
    const target = new ListProvider([item('Austin', 'unit_data.json', at('2020-09-13'))]);
    expect(await run(sideSource, target, { keyMode: 'base+ext' })).toEqual([]);
  });

  it('never screens sources: a source side file is suppressed by an ordinary target', async () => {
    const sideSource = new ListProvider([item('Austin', 'unit_data.json', at('2020-09-13'))]);
    const target = new ListProvider([item('Austin', 'json', at('2020-09-13'))]);
    expect(await run(sideSource, target, { keyMode: 'base' })).toEqual([]);
  });

  it('only screens exts that start with the side-file names', async () => {
    const target = new ListProvider([item('Austin', 'my_unit_data.json', at('2020-09-13'))]);
    expect(await run(source(), target, { keyMode: 'base' })).toEqual([]);
  });
});

describe('compare: overlap', () => {
  it('treats a null end as one calendar day: a later item of the same day overlaps, the next midnight does not', async () => {
    const target = new ListProvider([item('Austin', 'json', at('2020-09-13'))]);
    const source = new ListProvider([
      item('Austin', 'csv', at('2020-09-13 12:00'), at('2020-09-13 13:00')),
      item('Austin', 'csv', at('2020-09-14')),
    ]);
    expect(labels(await run(source, target))).toEqual(['Austin.csv@2020-09-14']);
  });

  it('measures +1 day on the wall clock: 2020-11-01 lasts 25 hours', async () => {
    const target = new ListProvider([item('Austin', 'json', at('2020-11-01'))]);
    // 23:30 local is 24.5 h after midnight: inside the 25-hour day, outside a naive 24 h one.
    const lateInDay = item('Austin', 'csv', at('2020-11-01 23:30'), at('2020-11-01 23:45'));
    const nextDay = item('Austin', 'csv', at('2020-11-02'));
    const work = await run(new ListProvider([lateInDay, nextDay]), target, { range: openRange(at('2020-10-01')) });
    expect(work.map((w) => w.date)).toEqual([at('2020-11-02')]);
  });

  it('does not count touching intervals as overlapping', async () => {
    const target = new ListProvider([item('Austin', 'json', at('2020-09-13 10:00'), at('2020-09-13 12:00'))]);
    const source = new ListProvider([
      item('Austin', 'csv', at('2020-09-13 08:00'), at('2020-09-13 10:00')),
      item('Austin', 'csv', at('2020-09-13 12:00'), at('2020-09-13 13:00')),
    ]);
    expect((await run(source, target)).map((w) => time.format(w.date))).toEqual(['2020-09-13 08:00:00-05:00', '2020-09-13 12:00:00-05:00']);
  });

  it('detects a target that starts earlier and reaches into the source (fixes C-14)', async () => {
    const target = new ListProvider([
      item('Austin', 'json', at('2020-09-11'), at('2020-09-14')),
      item('Austin', 'json', at('2020-09-12 06:00'), at('2020-09-12 07:00')),
    ]);
    const source = new ListProvider([item('Austin', 'csv', at('2020-09-13')), item('Austin', 'csv', at('2020-09-14'))]);
    expect(labels(await run(source, target))).toEqual(['Austin.csv@2020-09-14']);
  });

  it('detects a target that starts inside the source interval', async () => {
    const target = new ListProvider([item('Austin', 'json', at('2020-09-13 15:00'), at('2020-09-13 16:00'))]);
    const source = new ListProvider([item('Austin', 'csv', at('2020-09-13'))]);
    expect(await run(source, target)).toEqual([]);
  });

  it('stays correct when the source goes back in time', async () => {
    const target = new ListProvider([item('Austin', 'json', at('2020-09-10')), item('Austin', 'json', at('2020-09-13'))]);
    const source = new ListProvider([
      item('Austin', 'csv', at('2020-09-13')),
      item('Austin', 'csv', at('2020-09-10')),
      item('Austin', 'csv', at('2020-09-11')),
    ]);
    expect(labels(await run(source, target))).toEqual(['Austin.csv@2020-09-11']);
  });
});

describe('compare: force', () => {
  it('re-yields what the target has, marked forced, and says so once per key and date', async () => {
    const log = new MemoryLogger();
    const target = new ListProvider([item('Austin', 'json', at('2020-09-13'))]);
    const source = new ListProvider([
      item('Austin', 'csv', at('2020-09-13')),
      item('Austin', 'txt', at('2020-09-13')),
      item('Austin', 'csv', at('2020-09-14')),
    ]);
    const work = await run(source, target, { force: true, log });
    expect(work.map((w) => [w.label, w.forced])).toEqual([
      ['Austin.csv', true],
      ['Austin.txt', true],
      ['Austin.csv', false],
    ]);
    expect(log.lines).toEqual(['INFO INFO: Forcing processing of Austin for date 2020-09-13 00:00:00-05:00.']);
  });

  it('names the key by base and ext in base+ext mode', async () => {
    const log = new MemoryLogger();
    const target = new ListProvider([item('Austin', 'csv', at('2020-09-13'))]);
    const source = new ListProvider([item('Austin', 'csv', at('2020-09-13'))]);
    await run(source, target, { force: true, log, keyMode: 'base+ext' });
    expect(log.lines).toEqual(["INFO INFO: Forcing processing of ('Austin', 'csv') for date 2020-09-13 00:00:00-05:00."]);
  });
});

describe('compare: providers and work items', () => {
  it('yields everything when there is no target provider', async () => {
    const source = new ListProvider([item('Austin', 'csv', at('2020-09-13')), item('Austin', 'txt', at('2020-09-13'))]);
    const work = await run(source, null);
    expect(work.map((w) => [w.label, w.forced])).toEqual([
      ['Austin.csv', false],
      ['Austin.txt', false],
    ]);
  });

  it('reads every target item before the first source item, so its own writes change nothing', async () => {
    const events: string[] = [];
    const target = new ListProvider([item('Austin', 'json', at('2020-09-01'))], () => events.push('target'));
    const source = new ListProvider(
      [item('Austin', 'csv', at('2020-09-13')), item('Austin', 'txt', at('2020-09-13')), item('Austin', 'csv', at('2020-09-14'))],
      () => events.push('source'),
    );
    const seen: string[] = [];
    for await (const work of compare(source, target, options())) {
      seen.push(work.label);
      // The stage writes its output: the target now has this day.
      target.list.push(item('Austin', 'json', work.date));
    }
    expect(seen).toEqual(['Austin.csv', 'Austin.txt', 'Austin.csv']);
    expect(events).toEqual(['target', 'source']);
    expect(target.list).toHaveLength(4);
  });

  it('hands both providers the same range', async () => {
    const range: DateRange = { start: at('2020-09-13'), end: at('2020-09-15'), lastRun: null, exact: false };
    const source = new ListProvider<string>([]);
    const target = new ListProvider([]);
    await run(source, target, { range });
    expect(source.ranges).toEqual([range]);
    expect(target.ranges).toEqual([range]);
  });

  it('marks items older than the last-run date, or all items when there is none, as priorLastUpdate', async () => {
    const source = () => new ListProvider([item('Austin', 'csv', at('2020-09-12')), item('Austin', 'csv', at('2020-09-13'))]);
    const withLastRun = await run(source(), null, { range: openRange(at('2020-09-01'), { lastRun: at('2020-09-13') }) });
    expect(withLastRun.map((w) => w.priorLastUpdate)).toEqual([true, false]);
    const without = await run(source(), null);
    expect(without.map((w) => w.priorLastUpdate)).toEqual([true, true]);
  });

  it('copies the identity and keeps the source item', async () => {
    const source = new ListProvider([item('Austin', 'csv', at('2020-09-12'))]);
    const [work] = await run(source, null);
    expect(work).toEqual({
      source: source.list[0],
      base: 'Austin',
      ext: 'csv',
      date: at('2020-09-12'),
      label: 'Austin.csv',
      priorLastUpdate: true,
      forced: false,
    });
  });

  it('describes an unlabelled item by base, ext and date', async () => {
    const source = new ListProvider([{ ...item('Austin', 'csv', at('2020-09-12')), label: '' }]);
    const [work] = await run(source, null);
    expect(work.label).toBe('Base: Austin; Ext: csv; Date: 2020-09-12 00:00:00-05:00');
  });

  it.each<KeyMode>(['base', 'base+ext'])('handles many days of targets in %s mode', async (keyMode) => {
    const days = Array.from({ length: 400 }, (_, n) => time.addDays(at('2019-01-01'), n));
    const target = new ListProvider(days.filter((_, n) => n % 2 === 0).map((day) => item('Austin', 'csv', day)));
    const source = new ListProvider(days.map((day) => item('Austin', 'csv', day)));
    const work = await run(source, target, { keyMode, range: openRange(at('2019-01-01')) });
    expect(work.map((w) => w.date)).toEqual(days.filter((_, n) => n % 2 === 1));
  });
});
