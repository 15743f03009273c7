import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hostRegistry } from '@lake/core';
import { postgresPlugin } from '../../plugin';
import { adminQuery, describePg, dropSchema, uniqueSchemaName } from '../../test-support/pg-test-schema';
import { runCommand } from '../../test-support/run-command';
import CatalogInit, { type CatalogInitResult } from './init';

describe('lake catalog init', () => {
  let dir: string;
  const writeConfig = (config: unknown): string => {
    const file = path.join(dir, 'lake.config.json');
    fs.writeFileSync(file, JSON.stringify(config));
    return file;
  };

  beforeAll(() => hostRegistry().register(postgresPlugin));
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lake-init-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('explains that the embedded default needs no init, and creates nothing', async () => {
    const run = await runCommand<CatalogInitResult>(CatalogInit, ['--config', writeConfig({}), '--home', dir]);
    expect(run.error).toBeUndefined();
    expect(run.stdout).toContain('catalog: the embedded default needs no init');
    expect(run.result).toEqual({ catalog: { driver: 'sqlite', created: false }, perfmet: { driver: 'sqlite', created: false } });
    expect(fs.readdirSync(dir)).toEqual(['lake.config.json']);
  });

  it('says so when the configured driver keeps its own tables', async () => {
    const run = await runCommand<CatalogInitResult>(CatalogInit, ['--config', writeConfig({ catalog: { driver: 'sqlite' } }), '--home', dir]);
    expect(run.stdout).toContain('catalog: the configured sqlite catalog needs no init');
    expect(run.result?.catalog).toEqual({ driver: 'sqlite', created: false });
  });

  describePg('with the postgres drivers', () => {
    const schema = uniqueSchemaName('init');
    afterAll(() => dropSchema(schema));

    it('creates the catalog and perfmet tables, and can run again', async () => {
      const settings = { driver: 'postgres', connectionString: '${env:LAKE_TEST_PG_URL}', schema };
      const config = writeConfig({ catalog: settings, perfmet: settings });
      for (let run = 0; run < 2; run++) {
        const result = await runCommand<CatalogInitResult>(CatalogInit, ['--config', config, '--home', dir]);
        expect(result.error).toBeUndefined();
        expect(result.result).toEqual({ catalog: { driver: 'postgres', created: true }, perfmet: { driver: 'postgres', created: true } });
        expect(result.stdout).toContain('catalog: the postgres tables are ready');
      }
      const tables = await adminQuery<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`, [schema]);
      expect(tables.map((table) => table.table_name)).toEqual(['data_lake_cat_new', 'etl_perfmet_job', 'etl_perfmet_obs']);
    });
  });
});
