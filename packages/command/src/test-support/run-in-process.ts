// Runs a lake command inside the test process. oclif's Config.load needs dynamic import(), which
// jest's CommonJS sandbox refuses, so the command gets the few Config members it touches instead.
// (The cli's e2e tests cover the real Config by spawning bin/run.js.)
import { format } from 'node:util';
import type { Command, Config } from '@oclif/core';

export interface InProcessRun<Result> {
  result?: Result;
  error?: Error & { oclif?: { exit?: number } };
  /** process.exitCode the command left (then reset). */
  exitCode?: number;
  stdout: string;
  stderr: string;
}

const fakeConfig = {
  bin: 'lake',
  userAgent: 'lake-test',
  pjson: {},
  theme: undefined,
  scopedEnvVar: () => undefined,
  scopedEnvVarKey: (name: string) => `LAKE_${name}`,
  scopedEnvVarKeys: (name: string) => [`LAKE_${name}`],
  runHook: async () => ({ successes: [], failures: [] }),
} as unknown as Config;

type CommandClass = new (argv: string[], config: Config) => Command;

export async function runInProcess<Result = unknown>(command: CommandClass, argv: string[]): Promise<InProcessRun<Result>> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const capture = (into: string[]) => (chunk: unknown) => {
    into.push(String(chunk));
    return true;
  };
  const restoreOut = replaceWrite(process.stdout, capture(stdout));
  const restoreErr = replaceWrite(process.stderr, capture(stderr));
  // oclif's ux writes through console.log / console.error.
  const { log, error: logError } = console;
  console.log = (...args: unknown[]) => void stdout.push(`${format(...args)}\n`);
  console.error = (...args: unknown[]) => void stderr.push(`${format(...args)}\n`);
  const before = process.exitCode;
  process.exitCode = undefined;
  const run: InProcessRun<Result> = { stdout: '', stderr: '' };
  try {
    const instance = new command(argv, fakeConfig) as unknown as { _run(): Promise<Result> };
    run.result = await instance._run();
  } catch (error) {
    run.error = error as InProcessRun<Result>['error'];
  } finally {
    restoreOut();
    restoreErr();
    console.log = log;
    console.error = logError;
    run.exitCode = typeof process.exitCode === 'number' ? process.exitCode : undefined;
    process.exitCode = before;
  }
  run.stdout = stdout.join('');
  run.stderr = stderr.join('');
  return run;
}

function replaceWrite(stream: NodeJS.WriteStream, write: (chunk: unknown) => boolean): () => void {
  const original = stream.write;
  stream.write = write as typeof stream.write;
  return () => {
    stream.write = original;
  };
}
