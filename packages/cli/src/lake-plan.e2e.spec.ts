// `lake plan`: what a stage would process, as an orchestrator reads it (--json), and the per-day
// arguments it gives really run that day.
import { LakeSandbox } from './test-support/lake-cli';

jest.setTimeout(180_000);

interface Plan {
  stage: string;
  items: { base: string; ext: string; day: string; forced: boolean }[];
  days: { day: string; items: number; args: string[] }[];
  problems: string[];
}

describe('lake plan', () => {
  const lake = new LakeSandbox();
  let archive: string;
  beforeAll(() => {
    expect(lake.lake('demo').status).toBe(0);
    archive = lake.path('home', 'samples', 'gs', 'archive');
  });
  afterAll(() => lake.remove());

  it('lists nothing for a stage that is up to date, and every item with --force', () => {
    expect(lake.json<Plan>('plan', 'gs:standard', '-r', '0').items).toEqual([]);
    const forced = lake.json<Plan>('plan', 'gs:insert', '--sourcedir', archive, '-r', '0', '-F');
    expect(forced.items).toHaveLength(9);
    expect(forced.items.every((item) => item.forced && item.ext === 'zip')).toBe(true);
    expect(forced.days.map((day) => [day.day, day.items])).toEqual([
      ['2019-11-02', 3],
      ['2019-11-03', 3],
      ['2019-11-04', 3],
    ]);
    expect(forced.days[0].args).toEqual(['gs', 'insert', '-s', '2019-11-02', '-e', '2019-11-03', '--force', '--sourcedir', archive]);
  });

  it('gives per-day arguments that process exactly that day', () => {
    // A forced plan of one day; an orchestrator runs each day's arguments as its own task.
    const plan = lake.json<Plan>('plan', 'gs:standard', '-s', '2019-11-03', '-e', '2019-11-04', '-F');
    expect(plan.days).toHaveLength(1);
    const run = lake.json<{ items: number; failures: unknown[] }>(...plan.days[0].args);
    expect(run.items).toBe(plan.days[0].items);
    expect(run.failures).toEqual([]);
  });

  it('prints one line per day for people', () => {
    const run = lake.lake('plan', 'gs:insert', '-d', archive, '-r', '0', '-F');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^2019-11-02 +3 item\(s\) +lake gs insert -s 2019-11-02 -e 2019-11-03 --force --sourcedir /m);
    expect(run.stdout).toContain('9 item(s) to process on 3 day(s)');
  });

  it('refuses an unknown stage or option with a usage error', () => {
    const unknown = lake.lake('plan', 'xx:yy', '-r', '0');
    expect(unknown.status).toBe(2);
    expect(unknown.text).toContain('no installed stage is called xx:yy');
    expect(unknown.text).toContain('bt:insert');
    const option = lake.lake('plan', 'gs:insert', '--nosuch', '1', '-r', '0');
    expect(option.status).toBe(2);
    expect(option.text).toContain('gs:insert has no option --nosuch');
  });
});
