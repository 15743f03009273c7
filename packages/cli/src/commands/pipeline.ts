import { Flags } from '@oclif/core';
import { consoleLogger, runPipeline } from '@lake/core';
import { LakeCommand, TerminalProgress, runFlags, toJson, toRunOptions, type StageResultJson } from '@lake/command';
import { printStageResults } from '../print-results';

export default class Pipeline extends LakeCommand {
  static summary = 'Run every installed stage in data-flow order (raw → standardized → ready → public)';
  static description = 'The nightly job in one command. Each stage uses the same date flags; a failed stage is reported and the next ones still run. Stage options (e.g. sourcedir) come from `sources.<code>` in lake.config.json.';
  static examples = ['<%= config.bin %> pipeline -s 30', '<%= config.bin %> pipeline -s 2019-06-01 -e 2019-06-08 --source bt'];
  static flags = {
    ...runFlags,
    source: Flags.string({ description: 'only this data source (repeatable)', multiple: true }),
  };

  async run(): Promise<StageResultJson[]> {
    const { flags } = await this.parse(Pipeline);
    const progress = process.stderr.isTTY && !this.jsonEnabled() ? new TerminalProgress(process.stderr, consoleLogger(flags.verbose === true)) : null;
    const lake = this.openLake(flags, progress?.log);
    const results = await runPipeline(lake, { ...toRunOptions(flags), onProgress: progress?.update }, { dataSources: flags.source });
    if (results.length === 0) this.warn('no stages are installed: install a source plugin (lake plugins)');
    if (results.some((result) => result.failures.length > 0)) process.exitCode = 1;
    if (!this.jsonEnabled()) printStageResults(results, (line) => this.log(line));
    return results.map(toJson);
  }
}
