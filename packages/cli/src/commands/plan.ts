import { Args, Flags } from '@oclif/core';
import { UsageError, parseStageOptionArgs, planStage, type StagePlan } from '@lake/core';
import { LakeCommand, dateFlags, stageArgsOf, toRunOptions } from '@lake/command';

export default class Plan extends LakeCommand {
  static summary = 'List the work items a stage would process, without processing them';
  static description =
    'Runs the stage\'s compare loop in simulation mode and prints what is missing at the target: one line per day with the command that runs just that day, or with --json every item, so an orchestrator can fan out one task per item or per day. ' +
    'The stage\'s own options (e.g. --sourcedir) go after the stage, as given to the stage\'s command; otherwise they come from `sources.<code>` in lake.config.json.';
  static examples = ['<%= config.bin %> plan bt:standard -s 30', '<%= config.bin %> plan gs:insert --sourcedir /mnt/gridsmart -r 0 --json'];
  // The stage's own options are only known once the stage is: oclif passes them through.
  static strict = false;
  static '--' = false;
  static usage = 'plan STAGE [STAGE OPTIONS] [-s <value>] [-e <value>] [-r <value>] [-F] [--debug] [--json]';
  static args = {
    stage: Args.string({ description: 'stage id, e.g. bt:standard', required: true }),
  };
  static flags = {
    ...dateFlags,
    force: Flags.boolean({ char: 'F', description: 'also list items the target already has' }),
    debug: Flags.boolean({ description: 'use the debug (test) repository names' }),
  };

  async run(): Promise<StagePlan> {
    const { args, flags } = await this.parse(Plan);
    const lake = this.openLake(flags);
    const name = args.stage.replace(' ', ':');
    const stage = lake.registry.stage(name);
    if (!stage) {
      throw new UsageError(`no installed stage is called ${name}`, `installed stages: ${lake.registry.stages().map((known) => known.name).join(', ') || 'none'}`);
    }
    const stageOptions = parseStageOptionArgs(stage, stageArgsOf(this.argv, { ...Plan.baseFlags, ...Plan.flags }));
    const plan = await planStage(stage, { ...toRunOptions(flags), ...stageOptions }, lake);
    if (!this.jsonEnabled()) {
      for (const day of plan.days) this.log(`${day.day}  ${String(day.items).padStart(5)} item(s)  ${this.config.bin} ${day.args.join(' ')}`);
      this.log(`${plan.items.length} item(s) to process on ${plan.days.length} day(s)`);
      for (const problem of plan.problems) this.warn(problem);
    }
    return plan;
  }
}
