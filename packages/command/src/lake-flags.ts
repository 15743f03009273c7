// The flags every stage command shares (core.md §3), as oclif flags.
import { Flags, type Interfaces } from '@oclif/core';
import type { StageOption } from '@lake/core';

export const configFlags = {
  config: Flags.string({ description: 'lake.config.json to use (default: $LAKE_CONFIG, then ./lake.config.json, else the embedded default)', helpGroup: 'GLOBAL' }),
  home: Flags.string({ description: 'root folder of the embedded default (default: $LAKE_HOME or ./lake-data)', helpGroup: 'GLOBAL' }),
  verbose: Flags.boolean({ description: 'print debug messages', helpGroup: 'GLOBAL' }),
};

export const dateFlags = {
  start_date: Flags.string({ char: 's', description: 'start: N = midnight N days ago (or Nd), or a date YYYY-MM-DD' }),
  end_date: Flags.string({ char: 'e', description: 'end date, exclusive (also lets today\'s data through)' }),
  last_run_date: Flags.string({ char: 'r', description: 'last run date; 0 = from the beginning' }),
};

export const runFlags = {
  ...dateFlags,
  force: Flags.boolean({ char: 'F', description: 'process items even when the target already has them' }),
  output_filepath: Flags.string({ char: 'o', description: 'also write every stored file (and published rows as CSV) into this folder' }),
  // `-0` (the original's short form) is rewritten to --simulate by LakeCommand: oclif short flags are letters only.
  simulate: Flags.boolean({ description: 'write nothing to storage, catalog, publisher or perfmet (short: -0)' }),
  debug: Flags.boolean({ description: 'use the debug (test) repository names' }),
  concurrency: Flags.integer({ description: 'items of one date to process at once (default: "concurrency" in the config, else 1)', min: 1 }),
};

/** oclif flags for a stage's own options. */
export function stageOptionFlags(options: readonly StageOption[]) {
  const flags: Interfaces.FlagInput = {};
  for (const option of options) {
    const common = { description: option.description, char: option.char as never };
    if (option.kind === 'boolean') flags[option.name] = Flags.boolean(common);
    else if (option.kind === 'integer') flags[option.name] = Flags.integer(common);
    else flags[option.name] = Flags.string(common);
  }
  return flags;
}
