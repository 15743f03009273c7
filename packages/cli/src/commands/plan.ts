import { Args, Flags } from '@oclif/core';
import { UsageError, planStage, type Stage, type StagePlan } from '@lake/core';
import { LakeCommand, dateFlags, toRunOptions } from '@lake/command';

export default class Plan extends LakeCommand {
  static summary = 'List the work items a stage would process, without processing them';
  static description =
    'Runs the stage\'s compare loop in simulation mode and prints what is missing at the target: one line per day with the command that runs just that day, or with --json every item, so an orchestrator can fan out one task per item or per day. Stage options come from `sources.<code>` in lake.config.json or from --option.';
  static examples = ['<%= config.bin %> plan bt:standard -s 30', '<%= config.bin %> plan gs:insert -r 0 --option sourcedir=/mnt/gridsmart --json'];
  static args = {
    stage: Args.string({ description: 'stage id, e.g. bt:standard', required: true }),
  };
  static flags = {
    ...dateFlags,
    force: Flags.boolean({ char: 'F', description: 'also list items the target already has' }),
    debug: Flags.boolean({ description: 'use the debug (test) repository names' }),
    option: Flags.string({ char: 'O', description: 'a stage option as name=value (repeatable), e.g. sourcedir=/data', multiple: true }),
  };

  async run(): Promise<StagePlan> {
    const { args, flags } = await this.parse(Plan);
    const lake = this.openLake(flags);
    const name = args.stage.replace(' ', ':');
    const stage = lake.registry.stage(name);
    if (!stage) {
      throw new UsageError(`no installed stage is called ${name}`, `installed stages: ${lake.registry.stages().map((known) => known.name).join(', ') || 'none'}`);
    }
    const plan = await planStage(stage, { ...toRunOptions(flags), ...stageOptions(stage, flags.option ?? []) }, lake);
    if (!this.jsonEnabled()) {
      for (const day of plan.days) this.log(`${day.day}  ${String(day.items).padStart(5)} item(s)  ${this.config.bin} ${day.args.join(' ')}`);
      this.log(`${plan.items.length} item(s) to process on ${plan.days.length} day(s)`);
      for (const problem of plan.problems) this.warn(problem);
    }
    return plan;
  }
}

/** `name=value` pairs, typed as the stage declares its options (integer, boolean or text). */
function stageOptions(stage: Stage, pairs: string[]): Record<string, string | number | boolean> {
  const options: Record<string, string | number | boolean> = {};
  for (const pair of pairs) {
    const equals = pair.indexOf('=');
    if (equals < 1) throw new UsageError(`--option ${pair}: expected name=value`, 'e.g. --option sourcedir=/data/awam');
    const name = pair.slice(0, equals);
    const text = pair.slice(equals + 1);
    const declared = stage.options.find((option) => option.name === name);
    if (!declared) throw new UsageError(`--option ${name}: ${stage.name} has no such option`, `its options: ${stage.options.map((option) => option.name).join(', ') || 'none'}`);
    if (declared.kind === 'integer' && !/^-?\d+$/.test(text)) throw new UsageError(`--option ${name}: "${text}" is not a whole number`);
    options[name] = declared.kind === 'integer' ? Number(text) : declared.kind === 'boolean' ? /^(true|1|yes)$/i.test(text) : text;
  }
  return options;
}
