// The two production catalog/perfmet backends an e2e test runs the lake on, both over the real
// PostgreSQL of LAKE_TEST_PG_URL, each in a schema of its own that is dropped at the end:
// - `postgrest`: the PostgREST double (catalog-postgrest's test-support), bearer token required;
// - `postgres`: the direct driver, tables created by `lake catalog init`, a password in the URL.
// A test reads what the lake wrote straight from the tables, whichever backend wrote them.
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { PostgrestDouble } from '../../../catalog-postgrest/src/test-support/postgrest-double';
import { distinctiveSecret } from './prod-secrets';

type Block = Record<string, unknown> & { driver: string };

export interface CatalogBackend {
  readonly driver: 'postgrest' | 'postgres';
  /** Variables the config refers to (`${env:…}`); all of them secrets. */
  readonly env: Record<string, string>;
  /** Secret texts to look for, by a name for the report (may include ones not passed alone, e.g. a password inside a URL). */
  readonly secrets: Record<string, string>;
  /** Whether `lake catalog init` must create the tables first. */
  readonly needsInit: boolean;
  /** The `catalog` and `perfmet` blocks of lake.config.json. */
  config(): { catalog: Block; perfmet: Block };
  /** SQL on the backend's schema (search_path set), for checks. */
  sql<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<Row[]>;
  /** Empty the catalog and perfmet tables. */
  truncate(): Promise<void>;
  /** Drop the schema and close connections. */
  stop(): Promise<void>;
}

const TABLES = 'data_lake_cat_new, etl_perfmet_job, etl_perfmet_obs';

export async function startPostgrestBackend(pgUrl: string): Promise<CatalogBackend> {
  const token = distinctiveSecret('catalogjwt');
  const double = await PostgrestDouble.start({ pgUrl, jwt: token });
  return {
    driver: 'postgrest',
    env: { LAKE_CATALOG_TOKEN: token },
    secrets: { LAKE_CATALOG_TOKEN: token },
    needsInit: false,
    config: () => ({
      catalog: { driver: 'postgrest', url: double.endpoint('data_lake_cat_new'), token: '${env:LAKE_CATALOG_TOKEN}' },
      perfmet: {
        driver: 'postgrest',
        jobUrl: double.endpoint('etl_perfmet_job'),
        observationUrl: double.endpoint('etl_perfmet_obs'),
        token: '${env:LAKE_CATALOG_TOKEN}',
      },
    }),
    sql: (text, params) => double.sql(text, params),
    truncate: async () => void (await double.sql(`TRUNCATE ${TABLES}`)),
    stop: () => double.stop(),
  };
}

export async function startPostgresBackend(pgUrl: string): Promise<CatalogBackend> {
  const schema = `lake_e2e_${process.pid}_${randomBytes(4).toString('hex')}`;
  // A password in the URL the lake gets: the test server trusts local connections and ignores
  // it, but the driver cannot know that and must keep it out of everything it prints.
  const url = new URL(pgUrl);
  if (url.password === '') url.password = distinctiveSecret('pgpassword');
  const password = decodeURIComponent(url.password);
  const sql = async <Row>(text: string, params: unknown[] = []): Promise<Row[]> => {
    const client = new Client({ connectionString: pgUrl });
    await client.connect();
    try {
      await client.query(`SET search_path TO "${schema}"`);
      return (await client.query(text, params)).rows as Row[];
    } finally {
      await client.end();
    }
  };
  const block = { driver: 'postgres', connectionString: '${env:LAKE_PG_URL}', schema };
  return {
    driver: 'postgres',
    env: { LAKE_PG_URL: url.toString() },
    secrets: { LAKE_PG_PASSWORD: password },
    needsInit: true,
    config: () => ({ catalog: { ...block }, perfmet: { ...block } }),
    sql,
    truncate: async () => void (await sql(`TRUNCATE ${TABLES}`)),
    stop: async () => void (await sql(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)),
  };
}
