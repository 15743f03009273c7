// Kubernetes CronJobs: multi-document YAML that reads back (with the `yaml` package) as one
// batch/v1 CronJob per run, in the lake's zone, never overlapping, the ingest runs pinned to the
// city network's nodes.
import { parseAllDocuments } from 'yaml';
import { LakeError } from '../errors';
import { exportSchedule } from './export-schedule';
import type { ScheduleConfig } from './schedule-config';

const NOW = new Date('2026-06-01T12:00:00Z');

// The parts of a CronJob the tests look at.
interface CronJob {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels: Record<string, string> };
  spec: {
    schedule: string;
    timeZone: string;
    concurrencyPolicy: string;
    jobTemplate: {
      spec: {
        backoffLimit: number;
        template: {
          metadata: { labels: Record<string, string> };
          spec: {
            restartPolicy: string;
            nodeSelector?: Record<string, string>;
            containers: { name: string; image: string; command: string[]; args: string[]; envFrom?: unknown[]; volumeMounts?: unknown[] }[];
            volumes?: unknown[];
          };
        };
      };
    };
  };
}

/** The export read back; `image: null` leaves the option out. */
function cronJobs(schedule?: ScheduleConfig, image: string | null = 'lake:1.0.0'): { text: string; jobs: CronJob[] } {
  const text = exportSchedule({ schedule }, 'k8s', { now: NOW, image: image ?? undefined });
  const documents = parseAllDocuments(text);
  if (!Array.isArray(documents)) throw new Error('no YAML documents');
  for (const document of documents) expect(document.errors).toEqual([]);
  return { text, jobs: documents.map((document) => document.toJS() as CronJob) };
}

const podSpec = (job: CronJob) => job.spec.jobTemplate.spec.template.spec;

describe('renderKubernetes', () => {
  it('writes one batch/v1 CronJob per run, in the lake\'s zone, never running twice at once', () => {
    const { jobs } = cronJobs();
    expect(jobs).toHaveLength(13);
    for (const job of jobs) {
      expect(job).toMatchObject({ apiVersion: 'batch/v1', kind: 'CronJob', spec: { timeZone: 'America/Chicago', concurrencyPolicy: 'Forbid' } });
      expect(job.spec.jobTemplate.spec.backoffLimit).toBe(2);
      expect(podSpec(job).restartPolicy).toBe('Never');
      expect(podSpec(job).containers).toHaveLength(1);
      expect(podSpec(job).containers[0]).toMatchObject({ name: 'lake', image: 'lake:1.0.0', command: ['lake'] });
      expect(job.metadata.name).toMatch(/^[a-z0-9]([-a-z0-9]{0,50}[a-z0-9])?$/);
    }
    expect(jobs.map((job) => [job.metadata.name, job.spec.schedule, podSpec(job).containers[0].args.join(' ')])).toEqual([
      ['lake-bt-insert', '30 0 * * *', 'bt:insert -r 0 -s 60'],
      ['lake-wt-insert', '0 1 * * *', 'wt:insert -r 0 -s 60'],
      ['lake-gs-insert', '30 1 * * *', 'gs:insert -r 0 -s 60'],
      ['lake-bt-standard', '0 3 * * *', 'bt:standard -r 0 -s 30'],
      ['lake-wt-standard', '30 3 * * *', 'wt:standard -r 0 -s 30'],
      ['lake-gs-standard', '0 4 * * *', 'gs:standard -r 0 -s 30'],
      ['lake-bt-ready', '0 5 * * *', 'bt:ready -r 0 -s 30'],
      ['lake-gs-ready', '30 5 * * *', 'gs:ready -r 0 -s 30'],
      ['lake-gs-ready-agg', '0 6 * * *', 'gs:ready-agg -r 0 -s 30'],
      ['lake-wt-ready', '30 6 * * *', 'wt:ready -r 0 -s 30'],
      ['lake-bt-publish', '0 7 * * *', 'bt:publish -r 0 -s 30'],
      ['lake-wt-publish', '30 7 * * *', 'wt:publish -r 0 -s 30'],
      ['lake-gs-publish', '30 8 * * *', 'gs:publish -r 0 -s 30'],
    ]);
  });

  it('pins the city-network runs to labelled nodes and labels them; the others run anywhere', () => {
    const { jobs } = cronJobs();
    const city = jobs.filter((job) => podSpec(job).nodeSelector !== undefined);
    expect(city.map((job) => job.metadata.name)).toEqual(['lake-bt-insert', 'lake-wt-insert', 'lake-gs-insert']);
    for (const job of city) {
      expect(podSpec(job).nodeSelector).toEqual({ 'lake/city-network': 'true' });
      expect(job.metadata.labels['lake/city-network']).toBe('true');
      expect(job.spec.jobTemplate.spec.template.metadata.labels['lake/city-network']).toBe('true');
    }
    expect(jobs[3].metadata.labels).toEqual({ 'app.kubernetes.io/name': 'lake', 'app.kubernetes.io/component': 'bt-standard', 'lake/data-source': 'bt' });
  });

  it('uses the config\'s namespace, ConfigMap, Secret, node selector, executable and retries', () => {
    const { jobs } = cronJobs({
      lakeBin: '/app/bin/lake',
      retries: 4,
      kubernetes: { namespace: 'atd-lake', configMap: 'lake-config', envSecret: 'lake-secrets', cityNetworkNodeSelector: { 'coa.gov/zone': 'lan', 'kubernetes.io/os': 'linux' } },
    });
    const [ingest, , , standard] = jobs;
    expect(ingest.metadata.namespace).toBe('atd-lake');
    expect(ingest.spec.jobTemplate.spec.backoffLimit).toBe(4);
    expect(podSpec(ingest).nodeSelector).toEqual({ 'coa.gov/zone': 'lan', 'kubernetes.io/os': 'linux' });
    expect(podSpec(standard).containers[0]).toEqual({
      name: 'lake',
      image: 'lake:1.0.0',
      command: ['/app/bin/lake'],
      args: ['bt:standard', '-r', '0', '-s', '30', '--config', '/etc/lake/lake.config.json'],
      envFrom: [{ secretRef: { name: 'lake-secrets' } }],
      volumeMounts: [{ name: 'lake-config', mountPath: '/etc/lake', readOnly: true }],
    });
    expect(podSpec(standard).volumes).toEqual([{ name: 'lake-config', configMap: { name: 'lake-config' } }]);
  });

  it('takes the image from the config when no option gives one, and refuses to write jobs without one', () => {
    expect(podSpec(cronJobs({ image: 'lake:from-config' }, null).jobs[0]).containers[0].image).toBe('lake:from-config');
    let error: unknown;
    try {
      exportSchedule({}, 'k8s', { now: NOW });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(LakeError);
    expect(error).toMatchObject({ code: 'SCHEDULE_IMAGE_MISSING', hint: 'pass --image, or set schedule.image in lake.config.json' });
  });

  it('passes arguments YAML would misread (numbers, booleans, quotes, colons, #) unchanged', () => {
    const args = ['-s', '0', '--flag', 'true', '-d', `/mnt/AWAM share/it's "here" # 100%: yes`, '-f', 'no', '-x', '01:30'];
    const { jobs } = cronJobs({ useDefaults: false, entries: { 'bt:insert': { at: '00:30', args } } });
    expect(podSpec(jobs[0]).containers[0].args).toEqual(['bt:insert', ...args]);
  });

  it('gives every run a unique DNS-1123 name of at most 52 characters', () => {
    const long = `x:${'a'.repeat(80)}`;
    const { jobs } = cronJobs({
      useDefaults: false,
      entries: { 'bt:insert': { at: '00:30' }, 'bt.insert': { command: 'bt:insert', at: '00:40' }, [long]: { at: '01:00' }, [`${long}b`]: { at: '01:10' } },
    });
    const names = jobs.map((job) => job.metadata.name);
    expect(new Set(names).size).toBe(4);
    expect(names.slice(0, 2)).toEqual(['lake-bt-insert', 'lake-bt-insert-2']);
    for (const name of names) expect(name).toMatch(/^[a-z0-9]([-a-z0-9]{0,50}[a-z0-9])?$/);
  });

  it('explains the zone, Forbid, retries and the city-network nodes in its header', () => {
    const header = cronJobs()
      .text.split('---')[0]
      .split('\n')
      .map((line) => line.replace(/^# ?/, ''))
      .join(' ');
    expect(header).toContain('timeZone makes Kubernetes (1.27+) read its schedule in America/Chicago');
    expect(header).toContain('Kubernetes skips the next one');
    expect(header).toContain('City-network jobs only run on nodes labelled lake/city-network=true');
    expect(header).toContain('Clock change: 01:00 (wt:insert) comes twice');
  });
});
