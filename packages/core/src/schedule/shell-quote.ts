// POSIX shell words, and the extra escaping a crontab line needs on top of them.

// Words made only of these need no quotes in sh, bash or dash.
const PLAIN_WORD = /^[A-Za-z0-9_@+=:,./-]+$/;

/** One argument as a POSIX shell word: bare when safe, else in single quotes (`'` as `'\''`). */
export function shellWord(argument: string): string {
  if (PLAIN_WORD.test(argument)) return argument;
  return `'${argument.replace(/'/g, `'\\''`)}'`;
}

/** A command line of shell words. */
export function shellCommand(words: readonly string[]): string {
  return words.map(shellWord).join(' ');
}

/**
 * One argument as it must appear in a crontab line. cron reads the line before the shell does,
 * even inside the shell's single quotes: an unescaped `%` ends the command (the rest becomes its
 * stdin), `\%` becomes `%`, and crons differ on `\\` (BSD's makes it `\`). So each `%` is written
 * outside the quotes as `\%` (after a closing quote, never after a backslash), and two backslashes
 * of the argument never touch: an empty `''` goes between them.
 */
export function crontabWord(argument: string): string {
  if (!/[%\\]/.test(argument)) return shellWord(argument);
  return argument
    .split('%')
    .map((piece) => (piece === '' ? '' : `'${piece.replace(/'/g, `'\\''`)}'`.replace(/\\(?=\\)/g, `\\''`)))
    .join('\\%');
}

/** A command line for a crontab. */
export function crontabCommand(words: readonly string[]): string {
  return words.map(crontabWord).join(' ');
}
