// Runs what an export wrote the way its target would: a crontab line through cron's own `%` and
// backslash handling and then `sh -c`, a bash_command through `bash -c`, a DAG file through
// python3 (py_compile, and an `ast` outline of its tasks and dependencies).
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const PYTHON = 'python3';
const OUTLINE_SCRIPT = path.join(__dirname, 'dag-outline.py');
const TIMEOUT_MS = 30_000;

/**
 * The command cron hands to the shell, and the stdin it feeds it (text after an unescaped `%`).
 * cronie and Vixie cron remove the backslash of `\%` only; BSD's cron also turns `\\` into `\`.
 */
export function cronCommand(command: string, flavour: 'cronie' | 'bsd'): { command: string; stdin: string | null } {
  let out = '';
  let escaped = false;
  for (let index = 0; index < command.length; index += 1) {
    const char = command[index];
    if (escaped) {
      if (char === '%' || (flavour === 'bsd' && char === '\\')) out = `${out.slice(0, -1)}${char}`;
      else out += char;
      escaped = false;
      continue;
    }
    if (char === '%') return { command: out, stdin: command.slice(index + 1) };
    if (char === '\\') escaped = true;
    out += char;
  }
  return { command: out, stdin: null };
}

/** One crontab job line split into its 5 schedule fields and its command. */
export function splitCronLine(line: string): { fields: string[]; command: string } {
  const match = /^(\S+) (\S+) (\S+) (\S+) (\S+) (.+)$/.exec(line);
  if (!match) throw new Error(`not a crontab job line: ${line}`);
  return { fields: match.slice(1, 6), command: match[6] };
}

/** Runs a command line with `shell -c`; returns stdout, throws with stderr when it fails. */
export function runShell(shell: 'sh' | 'bash', command: string, cwd: string): string {
  const run = spawnSync(shell, ['-c', command], { cwd, encoding: 'utf8', timeout: TIMEOUT_MS });
  if (run.error) throw run.error;
  if (run.status !== 0) throw new Error(`${shell} -c ${command} exited ${run.status}: ${run.stderr}`);
  return run.stdout;
}

/**
 * An executable that prints each of its arguments on a line of its own as JSON, in a folder whose
 * name needs quoting (spaces, both quote characters, `%`, `$`, a backslash).
 */
export function argumentPrinter(root: string): string {
  const folder = path.join(root, `my lake's "bin" 100% $HOME \\x`);
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, 'lake');
  writeFileSync(file, `#!${process.execPath}\nfor (const arg of process.argv.slice(2)) console.log(JSON.stringify(arg));\n`);
  chmodSync(file, 0o755);
  return file;
}

export function printedArguments(stdout: string): string[] {
  return stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as string);
}

/** `python3 -m py_compile FILE`: status and stderr. */
export function pyCompile(file: string): { status: number | null; stderr: string } {
  const run = spawnSync(PYTHON, ['-m', 'py_compile', file], { encoding: 'utf8', timeout: TIMEOUT_MS });
  if (run.error) throw run.error;
  return { status: run.status, stderr: run.stderr };
}

export interface DagOutline {
  constants: Record<string, unknown>;
  calls: Record<string, { call: string; args: unknown[] }>;
  default_args: Record<string, unknown>;
  dag: Record<string, unknown>;
  tasks: Record<string, Record<string, unknown>>;
  edges: [string, string][];
}

/** The DAG file's tasks, DAG arguments and `>>` edges, read by python3 with `ast`. */
export function dagOutline(file: string): DagOutline {
  const run = spawnSync(PYTHON, [OUTLINE_SCRIPT, file], { encoding: 'utf8', timeout: TIMEOUT_MS });
  if (run.error) throw run.error;
  if (run.status !== 0) throw new Error(`dag-outline.py failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as DagOutline;
}
