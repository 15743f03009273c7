import { Args, Flags } from '@oclif/core';
import { purgePublished, type PurgeSummary } from '@lake/core';
import { dateFlags, LakeCommand, stageArgsOf } from '@lake/command';

export default class PublishPurge extends LakeCommand {
  static summary = 'Delete the published rows of a date range, so the next publish run rewrites them';
  static description =
    'For each public catalog row of the data source overlapping the range, the source\'s publish stage recomputes the row ids it sent from the same ready file; ' +
    'they are deleted from the dataset in chunks (each answer checked), and only then is the catalog row removed. A failed row is reported, keeps its catalog row ' +
    '(run the purge again), and the others go on; exit code 1 when any failed. Purge before re-running the stages that rewrite the ready files. ' +
    'Options of the publish stage (gs: -a/--agg, -u/--no_unassigned) go after the data source, as given to its publish run.';
  static examples = [
    '<%= config.bin %> publish purge gs -s 2020-10-01 -e 2020-10-02 --simulate',
    '<%= config.bin %> publish purge gs -s 2020-10-01 -e 2020-10-02 -a 60',
    '<%= config.bin %> publish purge bt -s 2019-06-01 -e 2019-06-08 --dataset x44q-icha --json',
  ];
  // The publish stage's own options are only known once the data source is: oclif passes them
  // through as arguments (no strict check, unknown flags not refused), and the stage reads them.
  static strict = false;
  static '--' = false;
  static usage = 'publish purge SOURCE [STAGE OPTIONS] -s <value> -e <value> [--dataset <value>] [--simulate] [--debug] [--stage <value>] [--show-ids <value>] [--json]';
  static args = {
    source: Args.string({ required: true, description: 'data source code (bt, wt, gs, …)' }),
  };
  static flags = {
    start_date: Flags.string({ char: 's', required: true, description: dateFlags.start_date.description }),
    end_date: Flags.string({ char: 'e', required: true, description: dateFlags.end_date.description }),
    dataset: Flags.string({ description: 'only rows published to this dataset id' }),
    // `-0` (the original's short form) is rewritten to --simulate by LakeCommand.
    simulate: Flags.boolean({ description: 'show what would be deleted and change nothing (short: -0)' }),
    debug: Flags.boolean({ description: 'the debug repository names and test datasets, as publish --debug uses' }),
    stage: Flags.string({ description: 'the publish stage, when the data source has more than one' }),
    'show-ids': Flags.integer({ min: 0, default: 5, description: 'row ids listed per catalog row' }),
  };

  async run(): Promise<PurgeSummary> {
    const { args, flags } = await this.parse(PublishPurge);
    const lake = this.openLake(flags);
    const summary = await purgePublished(lake, {
      dataSource: args.source,
      startDate: flags.start_date,
      endDate: flags.end_date,
      dataset: flags.dataset,
      simulate: flags.simulate,
      debug: flags.debug,
      stage: flags.stage,
      stageArgs: stageArgsOf(this.argv, { ...PublishPurge.baseFlags, ...PublishPurge.flags }),
      shownIds: flags['show-ids'],
    });
    if (!this.jsonEnabled()) {
      for (const item of summary.items) {
        const status = item.error ? `FAILED: ${item.error.message}` : summary.simulate ? 'would be removed' : 'removed';
        const datasets = item.datasets.map((entry) => {
          const counts = summary.simulate ? `${entry.ids} id(s)` : `${entry.deleted} of ${entry.ids} deleted`;
          return `${entry.dataset} ${counts}${entry.firstIds.length ? ` (${entry.firstIds.join(', ')}${entry.ids > entry.firstIds.length ? ', …' : ''})` : ''}`;
        });
        this.log(`${item.label}  ${datasets.join('; ') || 'no rows'}  catalog row ${status}`);
      }
      const verb = summary.simulate ? 'would delete' : 'deleted';
      this.log(
        `${summary.items.length} public row(s): ${summary.ids} row id(s), ${verb} ${summary.simulate ? summary.ids : summary.rowsDeleted} row(s), ` +
          `${summary.catalogRowsRemoved} catalog row(s) removed${summary.failures.length ? `, ${summary.failures.length} FAILED` : ''}`,
      );
    }
    if (summary.failures.length > 0) process.exitCode = 1;
    return summary;
  }
}
