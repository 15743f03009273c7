// The Bluetooth pipeline from the command line on the production drivers: S3 storage (s3rver),
// the PostgREST or PostgreSQL catalog and perfmet (real PostgreSQL), Socrata publishing (the SODA
// double) and Knack unit data (the Knack double), all configured the way lake.config.example.json
// configures production, secrets only in the environment of the spawned `lake`. Needs
// LAKE_TEST_PG_URL (CI sets it); skipped without.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { SodaDouble } from '../../publish-socrata/src/test-support/soda-double';
import { AWAM_DAYS, AWAM_RANGE, RAW_EXTS, btPointer, writeAwamShare } from './test-support/awam-share';
import { LakeSandbox, type LakeRun } from './test-support/lake-cli';
import { runLake } from './test-support/prod-lake-run';
import { startPostgresBackend, startPostgrestBackend, type CatalogBackend } from './test-support/prod-catalog';
import { writeProductionConfig, type ProductionConfigOptions } from './test-support/prod-config';
import { leakedSecrets, productionSecrets, distinctiveSecret, type SecretEnv } from './test-support/prod-secrets';
import { DATASETS, DEBUG_BUCKETS, DEBUG_DATASETS, PRODUCTION_BUCKETS, ProductionServices, SODA_USER } from './test-support/prod-services';

// Each test spawns `lake` once to three times (each bounded at 60 s by LakeSandbox).
jest.setTimeout(240_000);

const PG_URL = process.env.LAKE_TEST_PG_URL ?? '';
const describePg = PG_URL ? describe : describe.skip;

interface StageJson {
  stage: string;
  items: number;
  records: number;
  failures: { label: string; date: string; code: string; message: string }[];
}

const STAGES = ['bt:insert', 'bt:standard', 'bt:ready', 'bt:publish'];
const PERFMET_STAGES = ['Ingest', 'Standardize', 'Ready', 'Publish'];
const md5 = (text: string) => createHash('md5').update(text).digest('hex');

/** The AWAM share's file name of a day's lake file (awam-share.ts names them so). */
function shareFileName(day: string, ext: string): string {
  const [year, month, date] = day.split('-');
  const awamDate = `${month}-${date}-${year}`;
  const names: Record<string, string> = {
    'unmatched.txt': `Austin_bt_${awamDate}.txt`,
    'matched.txt': `Austin_btmatch_${awamDate}.txt`,
    'traf_match_summary.txt': `Austin_bt_summary_15_${awamDate}.txt`,
  };
  return names[ext];
}

const pointers = (exts: string[]) => AWAM_DAYS.flatMap((day) => exts.map((ext) => btPointer(day, ext))).sort();
const JSON_EXTS = ['unmatched.json', 'matched.json', 'traf_match_summary.json'];

describePg.each([
  ['postgrest', startPostgrestBackend],
  ['postgres', startPostgresBackend],
])('lake pipeline on the production drivers (%s catalog)', (_name, startBackend) => {
  let services: ProductionServices;
  let backend: CatalogBackend;
  let secrets: SecretEnv;
  let sandbox: LakeSandbox;
  let sourceDir: string;

  /** A sandbox whose `lake` reaches the services; `env` overrides variables (a wrong password). */
  function openSandbox(env: Record<string, string> = {}): LakeSandbox {
    return new LakeSandbox({ ...services.env, ...backend.env, ...env });
  }

  function configure(options: Partial<ProductionConfigOptions> = {}): void {
    writeProductionConfig(sandbox.cwd, { services, backend, sourceDir, ...options });
  }

  function expectNoLeaks(text: string, extra: SecretEnv = {}): void {
    expect(leakedSecrets(text, { ...secrets, ...extra })).toEqual([]);
  }

  /** Everything the lake wrote to the catalog and perfmet tables, as text. */
  async function tablesText(): Promise<string> {
    const texts: string[] = [];
    for (const table of ['data_lake_cat_new', 'etl_perfmet_job', 'etl_perfmet_obs']) {
      const rows = await backend.sql<{ row: string }>(`SELECT row_to_json(t)::text AS row FROM ${table} t`);
      texts.push(...rows.map((row) => row.row));
    }
    return texts.join('\n');
  }

  async function filesPerRepository(): Promise<Record<string, number>> {
    const rows = await backend.sql<{ repository: string; files: number }>(
      'SELECT repository, count(*)::int AS files FROM data_lake_cat_new GROUP BY repository ORDER BY repository',
    );
    return Object.fromEntries(rows.map((row) => [row.repository, row.files]));
  }

  const catalogRows = () => backend.sql('SELECT * FROM data_lake_cat_new ORDER BY repository, collection_date, id_base, id_ext');

  function pipelineJson(run: LakeRun): StageJson[] {
    const results = JSON.parse(run.stdout) as StageJson[];
    expect(results.map((result) => result.stage)).toEqual(STAGES);
    return results;
  }

  /**
   * The failures of the stage's files. After failed files the run also reports the final flush
   * of the rows they left in the publisher ("bt:publish publisher", the same error again).
   */
  function itemFailures(result: StageJson): StageJson['failures'] {
    const files = result.failures.filter((failure) => failure.label.endsWith('.json'));
    for (const other of result.failures.filter((failure) => !failure.label.endsWith('.json'))) {
      expect(other.label).toBe(`${result.stage} publisher`);
      expect(other.code).toBe(files[0]?.code);
    }
    return files;
  }

  beforeAll(async () => {
    const base = productionSecrets();
    services = await ProductionServices.start(base);
    backend = await startBackend(PG_URL);
    secrets = { ...base, ...backend.secrets };
    if (backend.needsInit) {
      sandbox = openSandbox();
      try {
        sourceDir = sandbox.path('awam');
        configure();
        const init = await runLake(sandbox, ['catalog', 'init', '--json']);
        expect(init.status).toBe(0);
        expect(JSON.parse(init.stdout)).toEqual({ catalog: { driver: 'postgres', created: true }, perfmet: { driver: 'postgres', created: true } });
        expectNoLeaks(init.text);
      } finally {
        sandbox.remove();
      }
    }
  });

  afterAll(async () => {
    await backend?.stop();
    await services?.stop();
  });

  beforeEach(async () => {
    await services.reset();
    await backend.truncate();
    sandbox = openSandbox();
    sourceDir = writeAwamShare(sandbox.path('awam'));
    configure();
  });

  afterEach(() => sandbox.remove());

  it('stores, catalogs, measures and publishes every file through the production drivers', async () => {
    const run = await runLake(sandbox, ['pipeline', '--source', 'bt', ...AWAM_RANGE]);
    expect(run.status).toBe(0);
    expectNoLeaks(run.text);
    expect(run.stdout).toMatch(/bt:publish\s+ok\s+items\s+9\s+records\s+9/);

    // S3: byte-exact raw copies, the standardized and ready files, the day's unit data; nothing local.
    expect(await services.keys('atd-datalake-raw')).toEqual(pointers(RAW_EXTS));
    for (const day of AWAM_DAYS) {
      for (const ext of RAW_EXTS) {
        const original = readFileSync(path.join(sourceDir, shareFileName(day, ext)));
        expect((await services.read('atd-datalake-raw', btPointer(day, ext))).equals(original)).toBe(true);
      }
    }
    const standardized = await services.keys('atd-datalake-rawjson');
    const unitDataKeys = standardized.filter((key) => key.endsWith('_unit_data.json'));
    expect(standardized.filter((key) => !key.endsWith('_unit_data.json'))).toEqual(pointers(JSON_EXTS));
    expect(unitDataKeys).toHaveLength(1);
    const snapshot = JSON.parse((await services.read('atd-datalake-rawjson', unitDataKeys[0])).toString('utf8'));
    expect(snapshot.header.data_type).toBe('bt_unit_data');
    expect(snapshot.devices.map((device: { device_name: string }) => device.device_name).sort()).toEqual(['lamar_6th', 'lamar_mlk']);
    expect(await services.keys('atd-datalake-ready')).toEqual(pointers(JSON_EXTS));
    for (const bucket of DEBUG_BUCKETS) expect(await services.keys(bucket)).toEqual([]);
    // LAKE_HOME stays empty: no local repository folder, no embedded catalog, no CSV of published rows.
    expect(readdirSync(sandbox.home)).toEqual([]);

    // Catalog: one row per file per repository, plus the unit-data snapshot in the standardized one.
    expect(await filesPerRepository()).toEqual({ 'atd-datalake-raw': 9, 'atd-datalake-rawjson': 10, 'atd-datalake-ready': 9, socrata: 9 });
    const raw = await backend.sql<{ pointer: string }>("SELECT pointer FROM data_lake_cat_new WHERE repository = 'atd-datalake-raw' ORDER BY pointer");
    expect(raw.map((row) => row.pointer)).toEqual(pointers(RAW_EXTS));
    const unitData = await backend.sql<{ pointer: string }>("SELECT pointer FROM data_lake_cat_new WHERE id_ext = 'unit_data.json'");
    expect(unitData).toEqual([{ pointer: unitDataKeys[0] }]);
    const published = await backend.sql<{ pointer: string; files: number }>(
      "SELECT pointer, count(*)::int AS files FROM data_lake_cat_new WHERE repository = 'socrata' GROUP BY pointer ORDER BY pointer",
    );
    expect(published).toEqual(Object.values(DATASETS).sort().map((dataset) => ({ pointer: dataset, files: 3 })));

    // Perfmet: one job per stage, each with the nine files' records, under the original's name for the source.
    const jobs = await backend.sql<{ data_source: string; stage: string; records: number }>('SELECT data_source, stage, records FROM etl_perfmet_job');
    expect(jobs.map((job) => job.stage).sort()).toEqual([...PERFMET_STAGES].sort());
    for (const job of jobs) expect(job).toMatchObject({ data_source: 'Bluetooth', records: 9 });

    // SODA: exactly the share's rows, one per file, unique record ids.
    for (const dataset of Object.values(DATASETS)) {
      const rows = services.rows(dataset);
      expect(rows).toHaveLength(AWAM_DAYS.length);
      expect(new Set(rows.map((row) => row.record_id)).size).toBe(AWAM_DAYS.length);
    }
    const iaf = AWAM_DAYS.map((day) => ({
      host_read_time: `${day}T08:00:05`,
      field_device_read_time: `${day}T08:00:03`,
      reader_identifier: 'lamar_6th',
      device_address: 1,
      record_id: md5(`${day}T08:00:05lamar_6th1`),
    }));
    expect(services.rows(DATASETS.unmatched)).toEqual(expect.arrayContaining(iaf.map((row) => expect.objectContaining({ ...row, device_address: expect.anything() }))));
    expect(services.rows(DATASETS.unmatched).map((row) => String(row.device_address))).toEqual(['1', '1', '1']);
    for (const dataset of Object.values(DEBUG_DATASETS)) expect(services.rows(dataset)).toEqual([]);
    expect(services.soda.upserts.length).toBeGreaterThan(0);
    for (const upsert of services.soda.upserts) expect(upsert).toMatchObject({ status: 200, user: SODA_USER, appToken: secrets.SOCRATA_APP_TOKEN });

    // Knack: answered (the double answers 401 to a wrong or missing application id or API key).
    expect(services.knack.requests.length).toBeGreaterThan(0);
    expect(services.knack.requests.every((request) => request.status === 200)).toBe(true);

    expectNoLeaks(await tablesText());
  });

  it('--json reports each stage, and a second run changes nothing', async () => {
    const first = await runLake(sandbox, ['pipeline', '--source', 'bt', ...AWAM_RANGE, '--json']);
    expect(first.status).toBe(0);
    expectNoLeaks(first.text);
    expect(pipelineJson(first).map((result) => [result.stage, result.items, result.records, result.failures.length])).toEqual(
      STAGES.map((stage) => [stage, 9, 9, 0]),
    );

    const objects = await services.inventory();
    const rows = await catalogRows();
    const datasets = Object.values(DATASETS).map((dataset) => services.rows(dataset));
    const upserts = services.soda.upserts.length;

    const again = await runLake(sandbox, ['pipeline', '--source', 'bt', ...AWAM_RANGE, '--json']);
    expect(again.status).toBe(0);
    expectNoLeaks(again.text);
    expect(pipelineJson(again).map((result) => [result.stage, result.items, result.records, result.failures.length])).toEqual(
      STAGES.map((stage) => [stage, 0, 0, 0]),
    );
    expect(await services.inventory()).toEqual(objects);
    expect(await catalogRows()).toEqual(rows);
    expect(Object.values(DATASETS).map((dataset) => services.rows(dataset))).toEqual(datasets);
    expect(services.soda.upserts.length).toBe(upserts);
    // Each run logs its jobs, the idle one too.
    const jobs = await backend.sql<{ stage: string }>('SELECT stage FROM etl_perfmet_job');
    expect(jobs).toHaveLength(2 * PERFMET_STAGES.length);
    expectNoLeaks(await tablesText());
  });

  it('--debug with publish.debugDatasets writes only the -test buckets and the debug datasets', async () => {
    const run = await runLake(sandbox, ['pipeline', '--source', 'bt', ...AWAM_RANGE, '--debug', '--json']);
    expect(run.status).toBe(0);
    expectNoLeaks(run.text);
    expect(pipelineJson(run).map((result) => [result.stage, result.items, result.failures.length])).toEqual(STAGES.map((stage) => [stage, 9, 0]));

    for (const bucket of PRODUCTION_BUCKETS) expect(await services.keys(bucket)).toEqual([]);
    expect(await services.keys('atd-datalake-raw-test')).toEqual(pointers(RAW_EXTS));
    expect(await services.keys('atd-datalake-rawjson-test')).toHaveLength(10);
    expect(await services.keys('atd-datalake-ready-test')).toEqual(pointers(JSON_EXTS));

    for (const [production, debug] of Object.entries(DEBUG_DATASETS)) {
      expect(services.rows(production)).toEqual([]);
      expect(services.rows(debug)).toHaveLength(AWAM_DAYS.length);
    }
    expect(services.rows(DEBUG_DATASETS[DATASETS.unmatched]).map((row) => row.record_id).sort()).toEqual(
      AWAM_DAYS.map((day) => md5(`${day}T08:00:05lamar_6th1`)).sort(),
    );
    expect(new Set(services.soda.upserts.map((upsert) => upsert.dataset))).toEqual(new Set(Object.values(DEBUG_DATASETS)));

    expect(await filesPerRepository()).toEqual({
      'atd-datalake-raw-test': 9,
      'atd-datalake-rawjson-test': 10,
      'atd-datalake-ready-test': 9,
      'socrata-test': 9,
    });
    const published = await backend.sql<{ pointer: string }>("SELECT DISTINCT pointer FROM data_lake_cat_new WHERE repository = 'socrata-test' ORDER BY pointer");
    expect(published.map((row) => row.pointer)).toEqual(Object.values(DEBUG_DATASETS).sort());
    expectNoLeaks(await tablesText());
  });

  it('--debug without publish.debugDatasets refuses to publish and leaves the production datasets alone', async () => {
    configure({ debugDatasets: false });
    const run = await runLake(sandbox, ['pipeline', '--source', 'bt', ...AWAM_RANGE, '--debug', '--json']);
    expect(run.status).not.toBe(0);
    expectNoLeaks(run.text);
    const results = pipelineJson(run);
    expect(results.slice(0, 3).map((result) => [result.stage, result.items, result.failures.length])).toEqual(STAGES.slice(0, 3).map((stage) => [stage, 9, 0]));
    const publish = results[3];
    expect(publish.records).toBe(0);
    expect(publish.failures).toHaveLength(9);
    for (const failure of publish.failures) {
      expect(failure.code).toBe('DEBUG_PUBLISH_REFUSED');
      expect(failure.message).toMatch(/--debug never publishes to the production dataset (qnpj-zrb9|x44q-icha|v7zg-5jg9)/);
    }

    expect(services.soda.upserts).toEqual([]);
    for (const dataset of [...Object.values(DATASETS), ...Object.values(DEBUG_DATASETS)]) expect(services.rows(dataset)).toEqual([]);
    const files = await filesPerRepository();
    expect(files.socrata).toBeUndefined();
    expect(files['socrata-test']).toBeUndefined();
    expectNoLeaks(await tablesText());
  });

  it('a portal refusing the password: the publish stage fails, and no secret reaches the output or the tables', async () => {
    const wrongPassword = distinctiveSecret('wrongpw');
    sandbox.remove();
    sandbox = openSandbox({ SOCRATA_PASSWORD: wrongPassword });
    sourceDir = writeAwamShare(sandbox.path('awam'));
    configure();

    const run = await runLake(sandbox, ['pipeline', '--source', 'bt', ...AWAM_RANGE, '--json']);
    expect(run.status).toBe(1);
    expectNoLeaks(run.text, { wrongPassword });
    const failures = itemFailures(pipelineJson(run)[3]);
    expect(failures).toHaveLength(9);
    for (const failure of failures) {
      expect(failure.code).toBe('SOCRATA_AUTH');
      expect(failure.message).toMatch(new RegExp(`^Socrata refused the credentials of user ${SODA_USER} \\(HTTP 401\\) for dataset (qnpj-zrb9|x44q-icha|v7zg-5jg9)$`));
    }
    expect(services.soda.upserts.length).toBeGreaterThan(0);
    for (const upsert of services.soda.upserts) expect(upsert.status).toBe(401);
    for (const dataset of Object.values(DATASETS)) expect(services.rows(dataset)).toEqual([]);
    expect((await filesPerRepository()).socrata).toBeUndefined();

    // The same failure printed for people: on stderr, still without a secret.
    const text = await runLake(sandbox, ['pipeline', '--source', 'bt', ...AWAM_RANGE]);
    expect(text.status).toBe(1);
    expect(text.text).toContain(`Socrata refused the credentials of user ${SODA_USER} (HTTP 401)`);
    expectNoLeaks(text.text, { wrongPassword });
    expectNoLeaks(await tablesText(), { wrongPassword });
  });

  it('an unreachable portal: the publish stage fails without a secret in the output', async () => {
    const gone = await SodaDouble.start();
    await gone.close();
    configure({ publish: { baseUrl: gone.url, attempts: 2, backoffMs: 10 } });

    const run = await runLake(sandbox, ['pipeline', '--source', 'bt', ...AWAM_RANGE, '--json']);
    expect(run.status).toBe(1);
    expectNoLeaks(run.text);
    const failures = itemFailures(pipelineJson(run)[3]);
    expect(failures).toHaveLength(9);
    for (const failure of failures) expect(failure.message).toMatch(new RegExp(`^Socrata: POST ${gone.url}/resource/[a-z0-9-]+\\.json failed: ECONNREFUSED`));
    expect((await filesPerRepository()).socrata).toBeUndefined();

    const text = await runLake(sandbox, ['pipeline', '--source', 'bt', ...AWAM_RANGE]);
    expect(text.status).toBe(1);
    expectNoLeaks(text.text);
    expectNoLeaks(await tablesText());
  });

  it('a Knack key refused: the unit data fail, no file is made ready or published, and neither key is printed', async () => {
    const wrongKey = distinctiveSecret('wrongknackkey');
    sandbox.remove();
    sandbox = openSandbox({ KNACK_API_KEY: wrongKey });
    sourceDir = writeAwamShare(sandbox.path('awam'));
    configure();

    const run = await runLake(sandbox, ['pipeline', '--source', 'bt', ...AWAM_RANGE, '--json']);
    expect(run.status).toBe(1);
    expectNoLeaks(run.text, { wrongKey });
    const results = pipelineJson(run);
    expect(results[1].failures).toEqual([expect.objectContaining({ label: 'unit data', code: 'HTTP_401' })]);
    expect(results[1].failures[0].message).toContain('answered 401');
    // Without a snapshot no file can be made ready, so nothing reaches the portal.
    expect(results[2].failures.map((failure) => failure.code)).toEqual(Array(9).fill('UNIT_DATA_MISSING'));
    expect(results[3]).toMatchObject({ items: 0, failures: [] });
    expect(services.knack.requests.length).toBeGreaterThan(0);
    expect(services.knack.requests.every((request) => request.status === 401)).toBe(true);
    expect((await services.keys('atd-datalake-rawjson')).filter((key) => key.endsWith('_unit_data.json'))).toEqual([]);
    for (const dataset of Object.values(DATASETS)) expect(services.rows(dataset)).toEqual([]);
    expectNoLeaks(await tablesText(), { wrongKey });
  });

  it('a file whose rows the portal rejects is not marked published, and the next run sends it again', async () => {
    // The first upsert is the first ready file in label order: day one's matched file.
    services.soda.failNext({ rowErrors: 1 });
    const failed = btPointer(AWAM_DAYS[0], 'matched.json');
    const run = await runLake(sandbox, ['pipeline', '--source', 'bt', ...AWAM_RANGE, '--json']);
    expect(run.status).toBe(1);
    expectNoLeaks(run.text);
    const publish = pipelineJson(run)[3];
    expect(publish.failures).toEqual([expect.objectContaining({ label: failed, code: 'SOCRATA_ROW_ERRORS' })]);
    expect((await filesPerRepository()).socrata).toBe(8);
    const recorded = await backend.sql("SELECT 1 FROM data_lake_cat_new WHERE repository = 'socrata' AND collection_date = $1 AND id_ext = 'matched.json'", [
      new Date(`${AWAM_DAYS[0]}T05:00:00Z`),
    ]);
    expect(recorded).toEqual([]);

    const again = await runLake(sandbox, ['pipeline', '--source', 'bt', ...AWAM_RANGE, '--json']);
    expect(again.status).toBe(0);
    expect(pipelineJson(again).map((result) => [result.stage, result.items, result.records, result.failures.length])).toEqual([
      ['bt:insert', 0, 0, 0],
      ['bt:standard', 0, 0, 0],
      ['bt:ready', 0, 0, 0],
      ['bt:publish', 1, 1, 0],
    ]);
    expect((await filesPerRepository()).socrata).toBe(9);
    for (const dataset of Object.values(DATASETS)) expect(services.rows(dataset)).toHaveLength(AWAM_DAYS.length);
    expectNoLeaks(await tablesText());
  });
});
