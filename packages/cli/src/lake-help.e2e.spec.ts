// `lake --help` and a stage command's help: what a new user sees of the host, the shipped
// Bluetooth source and plugin-plugins.
import { LakeSandbox } from './test-support/lake-cli';

// Each test spawns `lake` once or twice (each run bounded at 60 s by LakeSandbox); a slow, busy
// machine must not turn that into a failure.
jest.setTimeout(180_000);

const STAGE_FLAGS = ['-d, --sourcedir', '-s, --start_date', '-e, --end_date', '-r, --last_run_date', '-F, --force', '--simulate', '--debug', '--config', '--json'];

describe('lake (help)', () => {
  const sandbox = new LakeSandbox();
  afterAll(() => sandbox.remove());

  it('lists the host\'s, the Bluetooth source\'s and plugin-plugins\' topics', () => {
    const run = sandbox.lake('--help');
    expect(run.status).toBe(0);
    const topics = run.stdout.split('COMMANDS')[0];
    for (const topic of ['bt', 'gs', 'wt', 'catalog', 'perfmet', 'plugins']) expect(topics).toMatch(new RegExp(`^  ${topic} `, 'm'));
    expect(topics).not.toMatch(/^ {2}ex /m); // the example source is no longer shipped
    expect(run.stdout).toMatch(/^ {2}demo /m);
    expect(run.stdout).toMatch(/^ {2}pipeline /m);
  });

  it('lists the four Bluetooth stages under their topic', () => {
    const run = sandbox.lake('bt', '--help');
    expect(run.status).toBe(0);
    for (const stage of ['insert', 'standard', 'ready', 'publish']) expect(run.stdout).toMatch(new RegExp(`^ {2}bt ${stage} `, 'm'));
  });

  it('shows a stage command\'s own option beside the common flags, under either name', () => {
    for (const name of [['bt', 'insert'], ['bt:insert']]) {
      const run = sandbox.lake(...name, '--help');
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('$ lake bt insert'); // usage is printed with the space separator
      for (const flag of STAGE_FLAGS) expect(run.stdout).toContain(flag);
    }
  });
});
