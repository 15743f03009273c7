// Kubernetes CronJobs (batch/v1, `timeZone` needs Kubernetes 1.27+), one YAML document per run.
import path from 'node:path';
import { commandArgs, type ResolvedSchedule, type ScheduleEntry } from './resolve-schedule';
import { KUBERNETES_CONFIG_DIR } from './schedule-config';
import { commonHeader, entryTitle, wrap } from './schedule-comments';
import { ScheduleImageMissing } from './schedule-errors';
import { yamlComments, yamlLines, type YamlValue } from './yaml-text';

// A CronJob's name becomes its Jobs' names plus 11 characters, which must stay within 63.
const MAX_NAME = 52;
const CONFIG_VOLUME = 'lake-config';

export function renderKubernetes(schedule: ResolvedSchedule): string {
  const image = schedule.image;
  if (!image) throw new ScheduleImageMissing();
  const selector = Object.entries(schedule.kubernetes.cityNetworkNodeSelector).map(([key, value]) => `${key}=${value}`).join(', ');
  const header = [
    ...commonHeader(schedule, 'k8s'),
    '',
    ...wrap(
      `Each CronJob's timeZone makes Kubernetes (1.27+) read its schedule in ${schedule.timeZone}. ` +
        'concurrencyPolicy Forbid: while a run is still going, Kubernetes skips the next one of the same job. ' +
        `A failed pod is retried ${schedule.retries} time(s) with Kubernetes' own exponential back-off from 10 seconds (schedule.retryDelayMinutes is for Airflow). ` +
        (schedule.entries.some((entry) => entry.cityNetwork) ? `City-network jobs only run on nodes labelled ${selector}. ` : '') +
        'The lake config must name drivers the pods can reach (S3, PostgreSQL, …): the embedded default writes inside the pod and is lost with it.',
    ),
  ];
  const names = jobNames(schedule.entries);
  const documents = schedule.entries.map((entry) => [
    '---',
    ...yamlComments([entryTitle(entry)]),
    ...yamlLines(cronJob(schedule, entry, image, names.get(entry) as string)),
  ]);
  return `${[...yamlComments(header), ...documents.flat()].join('\n')}\n`;
}

function cronJob(schedule: ResolvedSchedule, entry: ScheduleEntry, image: string, name: string): YamlValue {
  const { namespace, configMap, envSecret, cityNetworkNodeSelector } = schedule.kubernetes;
  const labels: Record<string, string> = {
    'app.kubernetes.io/name': 'lake',
    'app.kubernetes.io/component': labelValue(entry.id),
    'lake/data-source': labelValue(entry.dataSource),
    ...(entry.cityNetwork ? { 'lake/city-network': 'true' } : {}),
  };
  const configPath = configMap ? path.posix.join(KUBERNETES_CONFIG_DIR, 'lake.config.json') : schedule.configPath;
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name, namespace: namespace ?? undefined, labels },
    spec: {
      schedule: entry.cron,
      timeZone: schedule.timeZone,
      concurrencyPolicy: 'Forbid',
      jobTemplate: {
        spec: {
          backoffLimit: schedule.retries,
          template: {
            metadata: { labels },
            spec: {
              restartPolicy: 'Never',
              nodeSelector: entry.cityNetwork ? cityNetworkNodeSelector : undefined,
              containers: [
                {
                  name: 'lake',
                  image,
                  command: [schedule.lakeBin],
                  args: commandArgs(entry, configPath),
                  envFrom: envSecret ? [{ secretRef: { name: envSecret } }] : undefined,
                  volumeMounts: configMap ? [{ name: CONFIG_VOLUME, mountPath: KUBERNETES_CONFIG_DIR, readOnly: true }] : undefined,
                },
              ],
              volumes: configMap ? [{ name: CONFIG_VOLUME, configMap: { name: configMap } }] : undefined,
            },
          },
        },
      },
    },
  };
}

/** A DNS-1123 name per entry, unique: `bt:insert` → `lake-bt-insert`. */
function jobNames(entries: ScheduleEntry[]): Map<ScheduleEntry, string> {
  const names = new Map<ScheduleEntry, string>();
  const taken = new Set<string>();
  for (const entry of entries) {
    const base = `lake-${dnsPart(entry.id)}`.slice(0, MAX_NAME).replace(/-+$/, '');
    let name = base;
    for (let suffix = 2; taken.has(name); suffix += 1) name = `${base.slice(0, MAX_NAME - String(suffix).length - 1).replace(/-+$/, '')}-${suffix}`;
    taken.add(name);
    names.set(entry, name);
  }
  return names;
}

function dnsPart(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'job';
}

/** A label value: at most 63 characters, starting and ending with a letter or digit. */
function labelValue(text: string): string {
  return dnsPart(text).slice(0, 63).replace(/-+$/, '');
}
