// `lake catalog export` / `import` between the embedded SQLite catalog and this driver, both
// ways: how a deployment moves its catalog and perfmet tables to PostgreSQL or back. The lines
// each lake exports must be identical, to the millisecond, nulls and metadata included.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { Lake, Registry, exportCatalog, importCatalog, type LakeConfig } from '@lake/core';
import { catalogToolsFixtures, seedCatalogTools } from '@lake/testing';
import { postgresPlugin } from './plugin';
import { ownsSchema } from './schema-owner';
import { describePg, dropSchema, pgSettings, uniqueSchemaName } from './test-support/pg-test-schema';

const NOW = new Date('2021-01-05T12:00:00Z');

async function exportText(lake: Lake): Promise<string> {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  await exportCatalog(lake, output);
  return Buffer.concat(chunks).toString();
}

const importText = (lake: Lake, text: string) => importCatalog(lake, Readable.from([Buffer.from(text)]), { batchSize: 2 });

describePg('catalog export / import between SQLite and PostgreSQL', () => {
  const schemas: string[] = [];
  const lakes: Lake[] = [];
  const homes: string[] = [];

  function openLake(config: LakeConfig = {}): Lake {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'lake-roundtrip-'));
    homes.push(home);
    const lake = new Lake({ home, config, registry: new Registry().register(postgresPlugin), clock: () => NOW });
    lakes.push(lake);
    return lake;
  }

  async function postgresLake(): Promise<Lake> {
    const schema = uniqueSchemaName('roundtrip');
    schemas.push(schema);
    const lake = openLake({ catalog: pgSettings(schema), perfmet: pgSettings(schema) });
    for (const driver of [await lake.catalogDriver(), await lake.perfmetDriver()]) {
      if (ownsSchema(driver)) await driver.createSchema();
    }
    return lake;
  }

  async function seededSqliteExport(): Promise<string> {
    const sqlite = openLake();
    await seedCatalogTools({ catalog: await sqlite.catalogDriver(), perfmet: await sqlite.perfmetDriver() }, catalogToolsFixtures(sqlite.time));
    return exportText(sqlite);
  }

  afterAll(async () => {
    for (const lake of lakes) await lake.close();
    for (const schema of schemas) await dropSchema(schema);
    for (const home of homes) fs.rmSync(home, { recursive: true, force: true });
  });

  it('SQLite → PostgreSQL → SQLite gives the same lines at every step', async () => {
    const fromSqlite = await seededSqliteExport();
    expect(fromSqlite.split('\n')).toHaveLength(1 + 5 + 2 + 2 + 1);

    const postgres = await postgresLake();
    expect(await importText(postgres, fromSqlite)).toMatchObject({ catalog: 5, perfmetJobs: 2, perfmetObservations: 2, errorCount: 0 });
    const fromPostgres = await exportText(postgres);
    expect(fromPostgres).toBe(fromSqlite);

    const backToSqlite = openLake();
    await importText(backToSqlite, fromPostgres);
    expect(await exportText(backToSqlite)).toBe(fromSqlite);
  });

  it('PostgreSQL → PostgreSQL: importing the same file twice adds nothing', async () => {
    const exported = await seededSqliteExport();
    const postgres = await postgresLake();
    await importText(postgres, exported);
    const second = await importText(postgres, exported);
    expect(second).toMatchObject({ perfmetJobs: 0, perfmetJobsSkipped: 2, errorCount: 0 });
    expect(await exportText(postgres)).toBe(exported);
  });
});
