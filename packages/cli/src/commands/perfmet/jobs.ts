import { Flags } from '@oclif/core';
import { listPerfmetJobs, type PerfmetJobListing } from '@lake/core';
import { LakeCommand } from '@lake/command';

export default class PerfmetJobs extends LakeCommand {
  static summary = 'List the stage runs perfmet recorded';
  static examples = ['<%= config.bin %> perfmet jobs -s 7', '<%= config.bin %> perfmet jobs --source Bluetooth --json'];
  static flags = {
    source: Flags.string({ description: 'data source name (Bluetooth, Wavetronix, GRIDSMART) or code (bt, wt, gs)' }),
    stage: Flags.string({ description: 'stage name (Ingest, Standardize, Ready, Aggregate, Publish)' }),
    start_date: Flags.string({ char: 's', description: 'runs from this date (YYYY-MM-DD or N days back)' }),
    end_date: Flags.string({ char: 'e', description: 'runs before this date (exclusive)' }),
  };

  async run(): Promise<PerfmetJobListing[]> {
    const { flags } = await this.parse(PerfmetJobs);
    const lake = this.openLake(flags);
    const jobs = await listPerfmetJobs(lake, { dataSource: flags.source, stage: flags.stage, startDate: flags.start_date, endDate: flags.end_date });
    if (!this.jsonEnabled()) {
      for (const job of jobs) {
        this.log([job.processing_date, job.data_source.padEnd(10), job.stage.padEnd(11), `${job.records} records`, `${job.seconds.toFixed(1)} s`, job.failures ? `${job.failures} FAILED` : 'ok', `${job.collection_start ?? '-'} → ${job.collection_end ?? '-'}`].join('  '));
      }
      this.log(`${jobs.length} job(s)`);
    }
    return jobs;
  }
}
