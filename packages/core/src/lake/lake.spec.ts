// An opened lake: drivers named by the config (the embedded ones by default) are created once,
// on first use, and closed together; unit data may name one driver or one per data source.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SqliteCatalogDriver } from '../catalog/sqlite-catalog-driver';
import type { DriverConfig, LakeConfig } from '../config/lake-config';
import { ConfigError, UnknownDriver } from '../errors';
import { SqlitePerfmetDriver } from '../perfmet/sqlite-perfmet-driver';
import { CsvPublishDriver } from '../publish/csv-publish-driver';
import { Registry } from '../registry/registry';
import { LocalStorageDriver } from '../storage/local-storage-driver';
import { FileUnitDataDriver } from '../unitdata/file-unit-data-driver';
import type { UnitDataDriver } from '../unitdata/unit-data';
import { Lake } from './lake';

/** A unit-data driver that says which settings and data source it was made for. */
class RecordingUnitData implements UnitDataDriver {
  closed = 0;
  constructor(readonly settings: DriverConfig) {}
  async fetch(dataSource: string) {
    return { header: { data_type: `${dataSource}_unit_data`, target_filename: '', collection_date: '', processing_date: '' }, devices: [] };
  }
  async close() {
    this.closed++;
  }
}

describe('Lake', () => {
  let home: string;
  let lake: Lake | undefined;

  beforeEach(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'lake-open-'));
  });
  afterEach(async () => {
    await lake?.close();
    lake = undefined;
    fs.rmSync(home, { recursive: true, force: true });
  });

  const open = (config: LakeConfig = {}, registry?: Registry) => (lake = new Lake({ home, config, registry }));

  /** A registry whose `recording` unit-data driver keeps every instance it made. */
  function recordingRegistry(made: RecordingUnitData[]): Registry {
    return new Registry().addDriver('unitData', 'recording', (settings) => {
      const driver = new RecordingUnitData(settings);
      made.push(driver);
      return driver;
    });
  }

  describe('drivers', () => {
    it('defaults to the embedded drivers under home', async () => {
      const opened = open();
      const storage = await opened.storageDriver();

      expect(storage).toBeInstanceOf(LocalStorageDriver);
      expect((storage as LocalStorageDriver).rootDir).toBe(home);
      expect(await opened.catalogDriver()).toBeInstanceOf(SqliteCatalogDriver);
      expect(await opened.perfmetDriver()).toBeInstanceOf(SqlitePerfmetDriver);
      expect(((await opened.publishDriver()) as CsvPublishDriver).dir).toBe(path.join(home, 'publish'));
      expect(await opened.unitDataDriver('bt')).toBeInstanceOf(FileUnitDataDriver);
      expect(fs.existsSync(path.join(home, 'lake.sqlite'))).toBe(true);
    });

    it('creates each driver once, on first use', async () => {
      let created = 0;
      const registry = new Registry().addDriver('storage', 'counted', () => {
        created++;
        return new LocalStorageDriver(home);
      });
      const opened = open({ storage: { driver: 'counted' } }, registry);
      expect(created).toBe(0);

      const [first, second] = await Promise.all([opened.storageDriver(), opened.storageDriver()]);
      expect(await opened.storageDriver()).toBe(first);
      expect(second).toBe(first);
      expect(created).toBe(1);
    });

    it('gives the same catalog facade on every call', async () => {
      const opened = open();
      expect(await opened.catalog()).toBe(await opened.catalog());
    });

    it('closes every driver it created, once, and creates fresh ones afterwards', async () => {
      const made: RecordingUnitData[] = [];
      const opened = open({ unitData: { driver: 'recording' } }, recordingRegistry(made));
      const before = await opened.unitDataDriver('bt');
      await opened.unitDataDriver('wt');
      await opened.close();

      expect(made.map((driver) => driver.closed)).toEqual([1, 1]);
      await opened.close();
      expect(made.map((driver) => driver.closed)).toEqual([1, 1]);
      expect(await opened.unitDataDriver('bt')).not.toBe(before);
    });

    it('closes the other drivers when one fails to close, then reports the failure', async () => {
      const made: RecordingUnitData[] = [];
      const registry = recordingRegistry(made).addDriver('storage', 'sticky', () => {
        const driver = new LocalStorageDriver(home);
        driver.close = async () => {
          throw new Error('storage will not close');
        };
        return driver;
      });
      const opened = open({ storage: { driver: 'sticky' }, unitData: { driver: 'recording' } }, registry);
      await opened.storageDriver();
      await opened.unitDataDriver('bt');

      await expect(opened.close()).rejects.toThrow('storage will not close');
      expect(made[0].closed).toBe(1);
      lake = undefined;
    });

    it('refuses a driver name nobody installed, listing the installed ones', async () => {
      const opened = open({ catalog: { driver: 'postgrest' } });
      const error = await opened.catalogDriver().catch((caught: unknown) => caught);

      expect(error).toBeInstanceOf(UnknownDriver);
      expect((error as UnknownDriver).hint).toBe('installed catalog drivers: sqlite');
    });

    it('refuses a driver setting without a driver name', async () => {
      const opened = open({ storage: { root: 'elsewhere' } as unknown as DriverConfig });
      await expect(opened.storageDriver()).rejects.toThrow(ConfigError);
    });

    it('passes the settings to the factory: the embedded storage root is relative to home', async () => {
      const opened = open({ storage: { driver: 'local', root: 'files' } });
      expect(((await opened.storageDriver()) as LocalStorageDriver).rootDir).toBe(path.join(home, 'files'));
    });
  });

  describe('unit data', () => {
    it('takes one driver for every data source (single form)', async () => {
      const made: RecordingUnitData[] = [];
      const opened = open({ unitData: { driver: 'recording', city: 'Austin' } }, recordingRegistry(made));
      await opened.unitDataDriver('bt');
      await opened.unitDataDriver('wt');

      expect(made.map((driver) => driver.settings)).toEqual([
        { driver: 'recording', city: 'Austin' },
        { driver: 'recording', city: 'Austin' },
      ]);
    });

    it('takes a driver per data source (per-source form), the embedded one for a source not listed', async () => {
      fs.mkdirSync(path.join(home, 'bt-units'));
      fs.writeFileSync(path.join(home, 'bt-units', 'units.json'), JSON.stringify({ header: { data_type: 'bt_unit_data' }, devices: [{ device_name: 'reader-1' }] }));
      const made: RecordingUnitData[] = [];
      const opened = open(
        { unitData: { bt: { driver: 'file', path: 'bt-units' }, wt: { driver: 'recording', site: 'wt' } } },
        recordingRegistry(made),
      );

      const bluetooth = await opened.unitDataDriver('bt');
      expect(bluetooth).toBeInstanceOf(FileUnitDataDriver);
      expect((await bluetooth.fetch('bt')).devices).toEqual([{ device_name: 'reader-1' }]);
      expect(await opened.unitDataDriver('wt')).toBe(made[0]);
      expect(made[0].settings).toEqual({ driver: 'recording', site: 'wt' });
      expect(await opened.unitDataDriver('gs')).toBeInstanceOf(FileUnitDataDriver);
    });
  });

  describe('settings', () => {
    it('takes home from the option, then config.home, then LAKE_HOME', () => {
      const saved = process.env.LAKE_HOME;
      process.env.LAKE_HOME = path.join(home, 'from-env');
      try {
        expect(new Lake({ home: path.join(home, 'given'), config: { home: 'ignored' } }).home).toBe(path.join(home, 'given'));
        expect(new Lake({ config: { home: path.join(home, 'configured') } }).home).toBe(path.join(home, 'configured'));
        expect(new Lake({}).home).toBe(path.join(home, 'from-env'));
      } finally {
        if (saved === undefined) delete process.env.LAKE_HOME;
        else process.env.LAKE_HOME = saved;
      }
    });

    it('names repositories by purpose, production or debug, honouring the config', () => {
      const opened = open({ repositories: { raw: { production: 'city-raw', debug: 'city-raw-dev' } } });
      expect(opened.repository('raw')).toBe('city-raw');
      expect(opened.repository('raw', true)).toBe('city-raw-dev');
      expect(opened.repository('public', true)).toBe('socrata-test');
    });

    it('defaults the area base to Austin and the zone to Central', () => {
      const opened = open();
      expect(opened.areaBase).toBe('Austin');
      expect(opened.time.format(opened.time.dayStart('2020-07-01'))).toBe('2020-07-01 00:00:00-05:00');
    });

    it('gives a source plugin its own settings, or none', () => {
      const opened = open({ sources: { bt: { readers: 3 } } });
      expect(opened.sourceConfig('bt')).toEqual({ readers: 3 });
      expect(opened.sourceConfig('wt')).toEqual({});
    });

    it('registers the embedded drivers into a registry it is given', () => {
      const registry = new Registry();
      open({}, registry);
      expect(registry.driverNames('storage')).toEqual(['local']);
      expect(registry.plugins().map((plugin) => plugin.name)).toEqual(['@lake/core']);
    });
  });
});
