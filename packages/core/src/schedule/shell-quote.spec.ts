// Shell words and crontab words, checked by running them: through `sh -c` and, for crontab
// words, through cron's own handling of `%` and backslashes first (cronie's and BSD's rules).
import os from 'node:os';
import { cronCommand, runShell } from './test-support/run-exported';
import { crontabCommand, shellCommand, shellWord } from './shell-quote';

const NASTY_ARGUMENTS = [
  'plain-word_1.2:3,4@5+6=7/8',
  'with space',
  "it's",
  'say "hi"',
  '$HOME and `date` and $(date)',
  '100%',
  '%Y-%m-%d',
  '%%',
  '%',
  'back\\slash',
  'two\\\\backslashes',
  'ends with backslash\\',
  'backslash before percent\\%',
  "quote after backslash\\'",
  '*.json',
  '~root',
  '',
  'tab\there',
  'a;b|c&d>e<f',
  'ünïcödé → ✓',
  '{{ ds }} {% raw %}',
];

/** The arguments `sh -c "printf …"` sees. */
function shellSees(commandLine: string): string[] {
  const out = runShell('sh', `printf '%s\\0' ${commandLine}`, os.tmpdir());
  return out.split('\0').slice(0, -1);
}

describe('shellWord', () => {
  it('leaves safe words bare and single-quotes the rest', () => {
    expect(shellWord('bt:insert')).toBe('bt:insert');
    expect(shellWord('-s')).toBe('-s');
    expect(shellWord('/var/log/lake')).toBe('/var/log/lake');
    expect(shellWord('with space')).toBe("'with space'");
    expect(shellWord("it's")).toBe("'it'\\''s'");
    expect(shellWord('')).toBe("''");
  });

  it('gives sh back every argument unchanged', () => {
    expect(shellSees(shellCommand(NASTY_ARGUMENTS))).toEqual(NASTY_ARGUMENTS);
  });
});

describe('crontabCommand', () => {
  it('escapes every % so cron neither cuts the command nor feeds stdin', () => {
    const line = crontabCommand(['date', '+%Y-%m-%d']);
    expect(line).toBe("date '+'\\%'Y-'\\%'m-'\\%'d'");
    expect(cronCommand(line, 'cronie').stdin).toBeNull();
  });

  it.each(['cronie', 'bsd'] as const)('gives sh every argument unchanged after %s cron read the line', (flavour) => {
    const line = crontabCommand(NASTY_ARGUMENTS);
    const { command, stdin } = cronCommand(line, flavour);
    expect(stdin).toBeNull();
    expect(shellSees(command)).toEqual(NASTY_ARGUMENTS);
  });

  it('writes words without % or backslashes as sh would', () => {
    const words = ['lake', 'bt:insert', '-d', '/mnt/AWAM share', '-s', '60'];
    expect(crontabCommand(words)).toBe(shellCommand(words));
  });
});
