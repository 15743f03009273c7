// The embedded default: every driver seam has a driver that keeps its data under home, with
// relative settings resolved from home.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import semver from 'semver';
import { SqliteCatalogDriver } from '../catalog/sqlite-catalog-driver';
import type { DriverEnv } from '../registry/driver-factories';
import { Registry } from '../registry/registry';
import { CsvPublishDriver } from '../publish/csv-publish-driver';
import { LocalStorageDriver } from '../storage/local-storage-driver';
import { LakeTime } from '../time/lake-time';
import { silentLogger } from '../log/logger';
import { CORE_VERSION } from '../version';
import { embeddedPlugin } from './embedded-plugin';

describe('embeddedPlugin', () => {
  let home: string;
  let env: DriverEnv;
  const registry = new Registry().register(embeddedPlugin);

  beforeEach(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'lake-embedded-'));
    env = { home, time: new LakeTime('America/Chicago'), log: silentLogger, config: {}, registry };
  });
  afterEach(() => fs.rmSync(home, { recursive: true, force: true }));

  it('is @lake/core itself, built for this core', () => {
    expect(embeddedPlugin.name).toBe('@lake/core');
    expect(semver.satisfies(CORE_VERSION, embeddedPlugin.coreRange)).toBe(true);
    expect(embeddedPlugin.stages ?? []).toEqual([]);
  });

  it('provides one driver for every seam', () => {
    expect(['storage', 'catalog', 'perfmet', 'publish', 'unitData'].map((kind) => registry.driverNames(kind as never))).toEqual([
      ['local'],
      ['sqlite'],
      ['sqlite'],
      ['csv'],
      ['file'],
    ]);
  });

  it('keeps files, the database and published rows under home by default', async () => {
    const storage = (await registry.driverFactory('storage', 'local')({ driver: 'local' }, env)) as LocalStorageDriver;
    const publish = (await registry.driverFactory('publish', 'csv')({ driver: 'csv' }, env)) as CsvPublishDriver;
    const catalog = await registry.driverFactory('catalog', 'sqlite')({ driver: 'sqlite' }, env);
    const perfmet = await registry.driverFactory('perfmet', 'sqlite')({ driver: 'sqlite' }, env);
    try {
      expect(storage.rootDir).toBe(home);
      expect(publish.dir).toBe(path.join(home, 'publish'));
      expect(catalog).toBeInstanceOf(SqliteCatalogDriver);
      expect(fs.readdirSync(home)).toContain('lake.sqlite');
    } finally {
      await catalog.close();
      await perfmet.close();
    }
  });

  it('resolves relative settings from home and keeps absolute ones', async () => {
    const elsewhere = path.join(home, 'elsewhere');
    const storage = (await registry.driverFactory('storage', 'local')({ driver: 'local', root: 'files' }, env)) as LocalStorageDriver;
    const publish = (await registry.driverFactory('publish', 'csv')({ driver: 'csv', dir: elsewhere }, env)) as CsvPublishDriver;
    const catalog = await registry.driverFactory('catalog', 'sqlite')({ driver: 'sqlite', path: 'db/catalog.sqlite' }, env);
    try {
      expect(storage.rootDir).toBe(path.join(home, 'files'));
      expect(publish.dir).toBe(elsewhere);
      expect(fs.existsSync(path.join(home, 'db', 'catalog.sqlite'))).toBe(true);
    } finally {
      await catalog.close();
    }
  });

  it('reads unit data from <home>/unit-data by default', async () => {
    fs.mkdirSync(path.join(home, 'unit-data'));
    fs.writeFileSync(path.join(home, 'unit-data', 'Austin_bt_2019-06-01_unit_data.json'), JSON.stringify({ devices: [{ device_name: 'r1' }] }));
    const unitData = await registry.driverFactory('unitData', 'file')({ driver: 'file' }, env);

    const snapshot = await unitData.fetch('bt');
    expect(snapshot.devices).toEqual([{ device_name: 'r1' }]);
    expect(snapshot.header.data_type).toBe('bt_unit_data');
  });
});
