import { Flags } from '@oclif/core';
import { DEFAULT_REPORT_FILE, DEFAULT_THRESHOLD_PERCENT, UsageError, writePerfmetReport, type PerfmetReportSummary } from '@lake/core';
import { LakeCommand } from '@lake/command';

export default class PerfmetReport extends LakeCommand {
  static summary = 'Write the health dashboard: stages per day, sensors against expected, job collection ranges';
  static description =
    'One self-contained HTML file (inline CSS and SVG, no script, nothing fetched). Jobs are taken by processing day over the window; observations by collection day over the days those jobs covered, each sensor judged on its data source\'s latest collection day against the mean of its 7 days before.';
  static examples = ['<%= config.bin %> perfmet report', '<%= config.bin %> perfmet report -s 7 --out health.html --threshold 30', '<%= config.bin %> perfmet report --json'];
  static flags = {
    start_date: Flags.string({ char: 's', description: 'jobs processed from this date (YYYY-MM-DD or N days back); default: the last 30 days with today' }),
    end_date: Flags.string({ char: 'e', description: 'jobs processed before this date (exclusive); default: tomorrow' }),
    out: Flags.string({ description: 'the HTML file to write', default: DEFAULT_REPORT_FILE }),
    threshold: Flags.string({ description: `flag a sensor as anomalous beyond this deviation from expected, in percent (default ${DEFAULT_THRESHOLD_PERCENT})` }),
  };

  async run(): Promise<PerfmetReportSummary> {
    const { flags } = await this.parse(PerfmetReport);
    const lake = this.openLake(flags);
    const summary = await writePerfmetReport(lake, {
      startDate: flags.start_date,
      endDate: flags.end_date,
      out: flags.out,
      thresholdPercent: flags.threshold === undefined ? undefined : percent(flags.threshold),
    });
    if (!this.jsonEnabled()) {
      for (const flag of summary.flaggedSensors) this.log(`${flag.kind.padEnd(9)}  ${flag.dataSource} ${flag.dataType} ${flag.sensorName}: ${flag.reason}`);
      this.log(`${summary.jobs} job(s) over ${summary.days} day(s), ${summary.sensors} sensor(s), ${summary.flaggedSensors.length} flagged`);
      this.log(`Report written to ${summary.path}`);
    }
    return summary;
  }
}

/** `50` or `50%`. */
function percent(text: string): number {
  const value = Number(text.trim().replace(/\s*%$/, ''));
  if (text.trim() === '' || !Number.isFinite(value)) throw new UsageError(`--threshold: "${text}" is not a number`, 'pass a percentage such as --threshold 50');
  return value;
}
