import { ConfigError } from '@lake/core';
import { databaseLabel, databaseSettingsFromUrl, kitsTables, mssqlConfig, readDatabaseSettings, KitsDatabaseNotConfigured } from './database-settings';

describe('sources.wt.database', () => {
  it('is required, with a hint that names --sourcedir', () => {
    expect(() => readDatabaseSettings(undefined)).toThrow(KitsDatabaseNotConfigured);
    try {
      readDatabaseSettings(undefined);
    } catch (error) {
      expect((error as ConfigError).hint).toContain('--sourcedir');
      expect((error as ConfigError).exitCode).toBe(2);
    }
  });

  it('rejects settings the driver could not use', () => {
    expect(() => readDatabaseSettings({})).toThrow(/server must name/);
    expect(() => readDatabaseSettings({ server: 'kits', port: '1433' })).toThrow(/port must be a whole number/);
    expect(() => readDatabaseSettings({ server: 'kits', password: 5 })).toThrow(/password must be text/);
    expect(() => readDatabaseSettings({ server: 'kits', options: [] })).toThrow(/options must be an object/);
    expect(() => readDatabaseSettings({ server: 'kits', historyTable: 'x; DROP TABLE y' })).toThrow(/not a table name/);
    expect(readDatabaseSettings({ server: 'kits', historyTable: '[KITS DB].KITS.SYSDETHISTORYRM' }).historyTable).toBe('[KITS DB].KITS.SYSDETHISTORYRM');
  });

  it('may be an mssql:// URL', () => {
    expect(databaseSettingsFromUrl('mssql://lake:p%40ss@kits.example:1444/KITSDB?encrypt=false&trustServerCertificate=true&requestTimeout=5000')).toEqual({
      server: 'kits.example',
      port: 1444,
      user: 'lake',
      password: 'p@ss',
      database: 'KITSDB',
      requestTimeout: 5000,
      options: { encrypt: false, trustServerCertificate: true },
    });
    expect(() => readDatabaseSettings('postgres://x@y/z')).toThrow(/must start with mssql/);
  });

  it('gives the driver its settings with useUTC forced and generous timeouts', () => {
    const settings = readDatabaseSettings({ server: 'kits', user: 'lake', password: 'secret', database: 'KITSDB', options: { encrypt: true, useUTC: false } });
    expect(mssqlConfig(settings)).toEqual({
      server: 'kits',
      port: undefined,
      user: 'lake',
      password: 'secret',
      database: 'KITSDB',
      connectionTimeout: 15_000,
      requestTimeout: 300_000,
      options: { encrypt: true, useUTC: true },
    });
    expect(databaseLabel(settings)).toBe('kits/KITSDB');
    expect(databaseLabel({ server: 'kits', port: 1444 })).toBe('kits:1444/(default database)');
    expect(kitsTables(settings)).toEqual({ history: 'KITSDB.KITS.SYSDETHISTORYRM', detectors: 'KITSDB.KITS.DETECTORSRM' });
  });
});
