import { ConfigError } from '@lake/core';
import { readPostgresSettings } from './postgres-settings';
import { translatePgError } from './postgres-errors';

describe('readPostgresSettings', () => {
  it('reads a connection string (connectionString or url) and describes the server without the password', () => {
    for (const key of ['connectionString', 'url']) {
      const settings = readPostgresSettings({ driver: 'postgres', [key]: 'postgres://lake:p%40ss@db.example:6543/lake' }, 'catalog');
      expect(settings.pool.connectionString).toBe('postgres://lake:p%40ss@db.example:6543/lake');
      expect(settings.server).toBe('postgres://lake@db.example:6543/lake');
      expect(settings.secrets).toEqual(['p@ss']);
    }
  });

  it('reads host, port, user, password, database, ssl and the defaults', () => {
    const settings = readPostgresSettings(
      { driver: 'postgres', host: 'db', port: '5433', user: 'lake', password: 'secret', database: 'lake', ssl: { rejectUnauthorized: false } },
      'perfmet',
    );
    expect(settings.pool).toMatchObject({ host: 'db', port: 5433, user: 'lake', password: 'secret', database: 'lake', ssl: { rejectUnauthorized: false }, max: 4 });
    expect(settings).toMatchObject({ schema: 'public', pageSize: 1000, server: 'postgres://lake@db:5433/lake', secrets: ['secret'] });
  });

  it('refuses a config without a server, or with settings of the wrong type', () => {
    const withoutHost = process.env.PGHOST;
    delete process.env.PGHOST;
    try {
      expect(() => readPostgresSettings({ driver: 'postgres' }, 'catalog')).toThrow(ConfigError);
    } finally {
      if (withoutHost !== undefined) process.env.PGHOST = withoutHost;
    }
    expect(() => readPostgresSettings({ driver: 'postgres', host: 'db', port: 'five' }, 'catalog')).toThrow(/catalog.port must be a number/);
    expect(() => readPostgresSettings({ driver: 'postgres', host: 'db', ssl: 'yes' }, 'catalog')).toThrow(/catalog.ssl/);
    expect(() => readPostgresSettings({ driver: 'postgres', host: 'db', pageSize: 0 }, 'catalog')).toThrow(/pageSize/);
  });
});

describe('translatePgError', () => {
  const settings = readPostgresSettings({ driver: 'postgres', host: 'db', user: 'lake', password: 'hunter2', database: 'lake' }, 'catalog');

  it('reports authentication failures as unreachable, with the password scrubbed', () => {
    const error = Object.assign(new Error('password authentication failed for user "lake" (tried hunter2)'), { code: '28P01' });
    const translated = translatePgError(error, settings, 'query', 'public.data_lake_cat_new');
    expect(translated.code).toBe('CATALOG_UNREACHABLE');
    expect(translated.message).not.toContain('hunter2');
    expect(translated.message).toContain('postgres://lake@db:5432/lake');
  });

  it('reads the code of a connect failure Node wraps in an AggregateError', () => {
    const error = Object.assign(new AggregateError([Object.assign(new Error('connect ECONNREFUSED ::1:1'), { code: 'ECONNREFUSED' })], ''), {});
    expect(translatePgError(error, settings, 'query', 't').code).toBe('CATALOG_UNREACHABLE');
  });

  it('tells a missing table from other failures', () => {
    expect(translatePgError(Object.assign(new Error('relation does not exist'), { code: '42P01' }), settings, 'query', 't').code).toBe('CATALOG_TABLE_MISSING');
    expect(translatePgError(Object.assign(new Error('permission denied'), { code: '42501' }), settings, 'upsert', 't')).toMatchObject({
      code: 'CATALOG_QUERY_FAILED',
      message: 'PostgreSQL catalog: upsert failed (42501: permission denied)',
    });
  });
});
