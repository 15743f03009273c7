// Runs a lake command inside the test process (as @lake/command's own tests do): oclif's
// Config.load needs dynamic import(), which jest's CommonJS sandbox refuses, so the command gets
// the few Config members it touches.
import type { Command, Config } from '@oclif/core';

export interface CommandRun<Result> {
  result?: Result;
  error?: Error;
  stdout: string;
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

export async function runCommand<Result>(command: new (argv: string[], config: Config) => Command, argv: string[]): Promise<CommandRun<Result>> {
  const stdout: string[] = [];
  const write = process.stdout.write;
  const { log } = console;
  process.stdout.write = ((chunk: unknown) => stdout.push(String(chunk)) > 0) as typeof process.stdout.write;
  console.log = (...args: unknown[]) => void stdout.push(`${args.join(' ')}\n`);
  const run: CommandRun<Result> = { stdout: '' };
  try {
    run.result = await (new command(argv, fakeConfig) as unknown as { _run(): Promise<Result> })._run();
  } catch (error) {
    run.error = error as Error;
  } finally {
    process.stdout.write = write;
    console.log = log;
  }
  run.stdout = stdout.join('');
  return run;
}
