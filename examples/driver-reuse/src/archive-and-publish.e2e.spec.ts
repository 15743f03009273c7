// The example program, built (dist/main.js) and run in a child process against the servers the
// driver packages test with: s3rver in this process, the SODA double from publish-socrata's
// test support, and for the catalog the embedded SQLite file or (when LAKE_TEST_PG_URL names a
// server, as .ci/pg.sh does) PostgreSQL through @lake/catalog-postgres.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import S3rver from 's3rver';
import { S3StorageDriver } from '@lake/storage-s3';
import { SodaDouble } from '../../../packages/publish-socrata/src/test-support/soda-double';
import type { ArchiveAndPublishConfig, ArchiveAndPublishResult } from './archive-and-publish';

jest.setTimeout(120_000);

const MAIN = path.resolve(__dirname, '..', 'dist', 'main.js');
const BUCKET = 'atd-datalake-ready';
const DATASET = 'cnts-0001';
const PG_URL = process.env.LAKE_TEST_PG_URL;

interface Servers {
  s3: { endpoint: string; close(): Promise<void> };
  soda: SodaDouble;
}

async function startServers(tmp: string): Promise<Servers> {
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: path.join(tmp, 's3rver'), configureBuckets: [{ name: BUCKET, configs: [] }] });
  const { port } = (await server.run()) as { port: number };
  const soda = await SodaDouble.start();
  soda.addDataset(DATASET, 'row_id');
  return {
    s3: {
      endpoint: `http://127.0.0.1:${port}`,
      async close() {
        (server as unknown as { httpServer?: { closeAllConnections(): void } }).httpServer?.closeAllConnections();
        await server.close();
      },
    },
    soda,
  };
}

function configFor(servers: Servers, catalog: ArchiveAndPublishConfig['catalog']): ArchiveAndPublishConfig {
  return {
    s3: { endpoint: servers.s3.endpoint, region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    catalog,
    socrata: { driver: 'socrata', baseUrl: servers.soda.url, username: servers.soda.username, password: servers.soda.password, appToken: 'example-app-token' },
    repository: BUCKET,
    dataSource: 'cc',
    dataset: DATASET,
  };
}

interface ProgramRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built program; its stdout is the JSON result. Asynchronously: the servers live in this
 * process, so a blocking spawn would leave them unable to answer.
 */
function runProgram(tmp: string, config: ArchiveAndPublishConfig, csv: string, day: string): Promise<ProgramRun> {
  const configFile = path.join(tmp, `config-${Date.now()}.json`);
  writeFileSync(configFile, JSON.stringify(config));
  return new Promise((resolve) => {
    execFile(process.execPath, [MAIN, configFile, csv, day], { encoding: 'utf8', timeout: 60_000, killSignal: 'SIGKILL' }, (error, stdout, stderr) => {
      const status = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ status, stdout, stderr: error && status === null ? `${stderr}\n${error.message}` : stderr });
    });
  });
}

function expectResult(child: ProgramRun): ArchiveAndPublishResult {
  if (child.status !== 0) throw new Error(`archive-and-publish exited ${child.status}:\n${child.stderr}`);
  return JSON.parse(child.stdout) as ArchiveAndPublishResult;
}

describe.each([
  ['the embedded SQLite catalog', 'sqlite'],
  ...(PG_URL ? [['PostgreSQL (@lake/catalog-postgres)', 'postgres']] : []),
])('archive-and-publish with %s', (_label, kind) => {
  let tmp: string;
  let servers: Servers;
  let catalog: ArchiveAndPublishConfig['catalog'];
  const schema = `lake_example_${process.pid}_${Date.now()}`;

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'lake-driver-reuse-'));
    servers = await startServers(tmp);
    catalog = kind === 'sqlite' ? { driver: 'sqlite', file: path.join(tmp, 'catalog.sqlite') } : { driver: 'postgres', connectionString: PG_URL, schema };
  });

  afterAll(async () => {
    await servers.soda.close();
    await servers.s3.close();
    if (kind === 'postgres') await withPg((client) => client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
    rmSync(tmp, { recursive: true, force: true });
  });

  it('stores the file in S3 under the lake name, catalogs it, and publishes one row per device', async () => {
    const csv = path.join(tmp, 'counts-2019-06-01.csv');
    writeFileSync(csv, 'device_id,count\nlamar_6th,120\ncongress_5th,80\nburnet_koenig,42\n');
    const result = expectResult(await runProgram(tmp, configFor(servers, catalog), csv, '2019-06-01'));

    expect(result).toEqual({
      pointer: '2019/06/01/cc/Counts_cc_2019-06-01.csv',
      bytes: readFileSync(csv).length,
      published: 3,
      catalogRows: [
        [BUCKET, '2019/06/01/cc/Counts_cc_2019-06-01.csv'],
        ['socrata', DATASET],
      ],
    });
    expect(await readObject(servers, BUCKET, result.pointer)).toBe(readFileSync(csv, 'utf8'));
    expect(servers.soda.rowsById(DATASET).map((row) => [row.device_id, row.day, row.count])).toEqual(
      expect.arrayContaining([
        ['lamar_6th', '2019-06-01', 120],
        ['congress_5th', '2019-06-01', 80],
        ['burnet_koenig', '2019-06-01', 42],
      ]),
    );
    expect(servers.soda.upserts.every((request) => request.appToken === 'example-app-token' && request.user === servers.soda.username)).toBe(true);
  });

  it('run again for a corrected file, it replaces the day in S3, the catalog and the dataset instead of adding to them', async () => {
    const csv = path.join(tmp, 'counts-2019-06-01-fixed.csv');
    writeFileSync(csv, 'device_id,count\nlamar_6th,121\ncongress_5th,80\nburnet_koenig,42\n');
    const result = expectResult(await runProgram(tmp, configFor(servers, catalog), csv, '2019-06-01'));
    expect(result.catalogRows).toHaveLength(2);
    expect(servers.soda.rows(DATASET)).toHaveLength(3);
    expect(servers.soda.rows(DATASET).find((row) => row.device_id === 'lamar_6th')).toMatchObject({ count: 121 });
  });

  it('fails like lake does when Socrata refuses the login, after archiving the file but before cataloguing the publication', async () => {
    const csv = path.join(tmp, 'counts-2019-06-02.csv');
    writeFileSync(csv, 'device_id,count\nlamar_6th,7\n');
    const config = configFor(servers, catalog);
    const child = await runProgram(tmp, { ...config, socrata: { ...config.socrata, password: 'wrong' } }, csv, '2019-06-02');
    expect(child.stderr).toContain('Error (SOCRATA_AUTH)');
    expect(child.status).not.toBe(0);
    expect(servers.soda.rows(DATASET).some((row) => row.day === '2019-06-02')).toBe(false);
    // The next successful run sees the day's file but no publication row, and publishes it.
    const retried = expectResult(await runProgram(tmp, config, csv, '2019-06-02'));
    expect(retried.catalogRows).toEqual([
      [BUCKET, '2019/06/02/cc/Counts_cc_2019-06-02.csv'],
      ['socrata', DATASET],
    ]);
  });
});

/** An object's text, read back over the S3 protocol. */
async function readObject(servers: Servers, bucket: string, key: string): Promise<string> {
  const driver = new S3StorageDriver({ endpoint: servers.s3.endpoint, region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' });
  try {
    const chunks: Buffer[] = [];
    for await (const chunk of await driver.read(bucket, key)) chunks.push(Buffer.from(chunk as Buffer));
    return Buffer.concat(chunks).toString('utf8');
  } finally {
    await driver.close();
  }
}

async function withPg<T>(action: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: PG_URL });
  await client.connect();
  try {
    return await action(client);
  } finally {
    await client.end();
  }
}
