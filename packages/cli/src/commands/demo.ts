import { Flags } from '@oclif/core';
import { Lake, consoleLogger, hostRegistry, loadConfig, runDemo } from '@lake/core';
import { LakeCommand, toJson, type StageResultJson } from '@lake/command';
import { printStageResults } from '../print-results';
import { printRunSummary } from '../print-summary';

export default class Demo extends LakeCommand {
  static summary = 'Seed the installed sources\' sample data and run the whole pipeline on it';
  static description = 'Works with no configuration: files go under $LAKE_HOME (default ./lake-data), the catalog and perfmet into an embedded SQLite file, published rows into CSV files.';
  static flags = {
    force: Flags.boolean({ char: 'F', description: 'process the samples again even when the lake already has them' }),
  };

  async run(): Promise<{ home: string; results: StageResultJson[]; summary: { catalogRows: Record<string, number>; publishedRows: Record<string, number>; jobs: number }; report: string }> {
    const { flags } = await this.parse(Demo);
    const loaded = loadConfig({ configPath: flags.config });
    new Lake({ config: loaded.config, home: flags.home ?? loaded.home, registry: hostRegistry() }).checkDrivers();
    const demo = await runDemo({
      config: loaded.config,
      home: flags.home ?? loaded.home,
      registry: hostRegistry(),
      log: consoleLogger(flags.verbose),
      force: flags.force,
    });
    if (demo.results.some((result) => result.failures.length > 0)) process.exitCode = 1;
    if (!this.jsonEnabled()) {
      printStageResults(demo.results, (line) => this.log(line));
      printRunSummary(demo.summary, (line) => this.log(line));
      this.log(`The lake is in ${demo.home} (lake catalog list, lake perfmet jobs, publish/*.csv)`);
      this.log(`Health report: ${demo.reportPath}`);
    }
    const { catalogRows, publishedRows, jobs } = demo.summary;
    return { home: demo.home, results: demo.results.map(toJson), summary: { catalogRows, publishedRows, jobs: jobs.length }, report: demo.reportPath };
  }
}
