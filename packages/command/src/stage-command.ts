// A stage's command: common flags in, runStage out, exit 1 when any item failed.
import type { Config, Interfaces } from '@oclif/core';
import { consoleLogger, hostRegistry, runStage, type RunOptions, type Stage, type StageResult } from '@lake/core';
import { TerminalProgress } from './terminal-progress';
import { LakeCommand } from './lake-command';
import { runFlags, stageOptionFlags } from './lake-flags';

export abstract class StageCommand extends LakeCommand {
  static stage: Stage;
  static flags = { ...runFlags };

  async run(): Promise<StageResultJson> {
    const command = this.constructor as typeof StageCommand;
    const { flags } = await this.parse(command);
    // oclif sets `plugin` on every command class it loads.
    const owner = (command as { plugin?: { name: string } }).plugin?.name;
    const refusal = (owner && hostRegistry().refusalOfPlugin(owner)) || hostRegistry().refusalOf(command.stage.name);
    if (refusal) throw refusal;
    // A progress line only for a person at a terminal; scripts get plain log lines (or --json).
    const progress = process.stderr.isTTY && !this.jsonEnabled() ? new TerminalProgress(process.stderr, consoleLogger(flags.verbose === true)) : null;
    const lake = this.openLake(flags, progress?.log);
    const options = { ...toRunOptions(flags as Interfaces.InferredFlags<typeof runFlags>), onProgress: progress?.update };
    const result = await runStage(command.stage, options, lake);
    if (result.failures.length > 0) process.exitCode = 1;
    return toJson(result);
  }
}

/** StageCommand's statics on a class that can be instantiated (and so `.run()`). */
export type StageCommandClass = typeof StageCommand & (new (argv: string[], config: Config) => StageCommand);

/** The command class of a stage: `export default stageCommand(new BluetoothReady())`. */
export function stageCommand(stage: Stage): StageCommandClass {
  return class extends StageCommand {
    static override stage = stage;
    static override summary = stage.description;
    static override flags = { ...runFlags, ...stageOptionFlags(stage.options) };
  };
}

/** Flags (snake_case as in the original) → the options runStage takes. */
export function toRunOptions(flags: Record<string, unknown>): RunOptions {
  const { start_date, end_date, last_run_date, output_filepath, force, simulate, debug, concurrency, config, home, verbose, json, ...rest } = flags;
  return {
    ...rest,
    startDate: start_date as string | undefined,
    endDate: end_date as string | undefined,
    lastRunDate: last_run_date as string | undefined,
    outputPath: output_filepath as string | undefined,
    force: force === true,
    simulate: simulate === true,
    debug: debug === true,
    concurrency: concurrency as number | undefined,
  };
}

export interface StageResultJson {
  stage: string;
  records: number;
  items: number;
  seconds: number;
  failures: { label: string; date: string; code: string; message: string }[];
}

export function toJson(result: StageResult): StageResultJson {
  return {
    stage: result.stage,
    records: result.records,
    items: result.items,
    seconds: result.seconds,
    failures: result.failures.map((failure) => ({ ...failure, date: failure.date.toISOString() })),
  };
}
