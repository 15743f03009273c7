import { writeFileSync } from 'node:fs';
import { Flags } from '@oclif/core';
import { LakeError, SCHEDULE_FORMATS, UsageError, buildScheduleExport, describeError, hostRegistry, loadConfig, type ExportedScheduleEntry } from '@lake/core';
import { LakeCommand } from '@lake/command';

export default class ScheduleExport extends LakeCommand {
  static summary = 'Write the nightly schedule as a crontab, an Airflow DAG or Kubernetes CronJobs';
  static description =
    'The runs, times and arguments of the original deployment (bt/wt/gs insert → standard → ready → publish), changed by the schedule section of lake.config.json. Times are wall times in the lake\'s zone; the ingest runs that need the city network are marked. Also `lake schedule:export`.';
  static examples = [
    '<%= config.bin %> schedule export --format crontab --log-dir /var/log/lake --out lake.crontab',
    '<%= config.bin %> schedule export --format airflow --out dags/lake_nightly.py',
    '<%= config.bin %> schedule export --format k8s --image my-registry/lake:1.2.0 | kubectl apply -f -',
  ];
  static flags = {
    format: Flags.string({ required: true, options: [...SCHEDULE_FORMATS], description: 'crontab, airflow (a DAG file) or k8s (CronJob manifests)' }),
    out: Flags.string({ description: 'file to write (default: stdout)' }),
    image: Flags.string({ description: 'k8s: container image (default: schedule.image)' }),
    'lake-bin': Flags.string({ description: 'the lake executable the jobs run (default: schedule.lakeBin, else lake)' }),
    'log-dir': Flags.string({ description: 'crontab: append each run\'s output to <dir>/<run>.log' }),
  };

  async run(): Promise<{ format: string; text: string; entries: ExportedScheduleEntry[]; warnings: string[]; file: string | null }> {
    const { flags } = await this.parse(ScheduleExport);
    if (flags['log-dir'] !== undefined && flags.format !== 'crontab') throw new UsageError('--log-dir only applies to --format crontab', 'Airflow and Kubernetes keep each run\'s log themselves');
    const { config } = loadConfig({ configPath: flags.config });
    const exported = buildScheduleExport(config, flags.format, {
      image: flags.image,
      lakeBin: flags['lake-bin'],
      logDir: flags['log-dir'],
      registry: hostRegistry(),
      knownCommands: this.config.commandIDs,
    });
    if (flags.out) writeSchedule(flags.out, exported.text);
    else if (!this.jsonEnabled()) process.stdout.write(exported.text);
    if (!this.jsonEnabled()) {
      for (const warning of exported.warnings) this.logToStderr(`Warning: ${warning}`);
      if (flags.out) this.logToStderr(`wrote ${exported.entries.length} run(s) to ${flags.out}`);
    }
    return { format: exported.format, text: exported.text, entries: exported.entries, warnings: exported.warnings, file: flags.out ?? null };
  }
}

function writeSchedule(file: string, text: string): void {
  try {
    writeFileSync(file, text);
  } catch (error) {
    throw new LakeError('SCHEDULE_NOT_WRITABLE', `cannot write ${file}: ${describeError(error)}`, 'check that its folder exists and is writable', 1, { cause: error });
  }
}
