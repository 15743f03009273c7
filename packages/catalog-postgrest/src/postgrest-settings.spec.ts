import { ConfigError, LakeTime, MemoryLogger, type DriverConfig } from '@lake/core';
import { PostgrestCatalogDriver } from './postgrest-catalog-driver';
import { PostgrestPerfmetDriver } from './postgrest-perfmet-driver';
import { connectionSettings, DEFAULT_PAGE_SIZE } from './postgrest-settings';

const env = { time: new LakeTime(), log: new MemoryLogger() };
const catalog = (settings: Partial<DriverConfig>) => new PostgrestCatalogDriver({ driver: 'postgrest', ...settings }, env);

describe('postgrest driver settings', () => {
  it('takes the catalog table URL, or baseUrl plus table (default data_lake_cat_new)', () => {
    expect(catalog({ url: 'http://host/api/data_lake_cat_new' }).table.url).toBe('http://host/api/data_lake_cat_new');
    expect(catalog({ baseUrl: 'http://host/api/' }).table.url).toBe('http://host/api/data_lake_cat_new');
    expect(catalog({ baseUrl: 'http://host', table: 'data_lake_catalog' }).table.url).toBe('http://host/data_lake_catalog');
  });

  it('takes the perfmet table URLs, or baseUrl plus table names', () => {
    const perfmet = new PostgrestPerfmetDriver({ driver: 'postgrest', baseUrl: 'http://host', observationTable: 'obs' }, env);
    expect([perfmet.jobs.url, perfmet.observations.url]).toEqual(['http://host/etl_perfmet_job', 'http://host/obs']);
  });

  it('defaults to 1000 rows per page with an exact count, and treats an empty token as none', () => {
    expect(connectionSettings({ driver: 'postgrest', token: '' }, 'catalog')).toEqual({
      token: undefined,
      pageSize: DEFAULT_PAGE_SIZE,
      exactCount: true,
      timeoutMs: undefined,
      attempts: undefined,
      backoffMs: undefined,
    });
  });

  it('names the key of every mistake', () => {
    expect(() => catalog({})).toThrow(ConfigError);
    expect(() => catalog({})).toThrow('catalog.url is required by the postgrest driver');
    expect(() => catalog({ url: 'not a url' })).toThrow('catalog.url is not a URL');
    expect(() => catalog({ url: 'ftp://host/t' })).toThrow('catalog.url must be an http(s) URL');
    expect(() => catalog({ url: 'http://host/t?apikey=x' })).toThrow('must not carry a query string');
    expect(() => catalog({ url: 'http://host/t', pageSize: 0 })).toThrow('catalog.pageSize must be at least 1');
    expect(() => catalog({ url: 'http://host/t', pageSize: '10' })).toThrow('catalog.pageSize must be a whole number');
    expect(() => catalog({ url: 'http://host/t', token: 42 })).toThrow('catalog.token must be text');
    expect(() => new PostgrestPerfmetDriver({ driver: 'postgrest' }, env)).toThrow('perfmet.jobUrl is required');
    expect(() => new PostgrestPerfmetDriver({ driver: 'postgrest', baseUrl: 'http://h', failuresColumn: 'yes' }, env)).toThrow('perfmet.failuresColumn must be true or false');
  });
});
