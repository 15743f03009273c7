import path from 'node:path';
import { expectLibraryEntryLoadsNoOclif } from '@lake/testing';
import * as library from './index';

describe('@lake/catalog-postgres as a library', () => {
  it('exports the drivers, the schema and the plugin', () => {
    expect(typeof library.PostgresCatalogDriver).toBe('function');
    expect(typeof library.PostgresPerfmetDriver).toBe('function');
    expect(typeof library.catalogSchemaSql).toBe('function');
    expect(library.postgresPlugin).toMatchObject({ name: '@lake/catalog-postgres', coreRange: '^0.1.0' });
    expect(Object.keys(library.postgresPlugin.drivers?.catalog ?? {})).toEqual(['postgres']);
    expect(Object.keys(library.postgresPlugin.drivers?.perfmet ?? {})).toEqual(['postgres']);
  });

  it('does not load @oclif/core, which the init hook does (so the check can see it)', () => {
    expectLibraryEntryLoadsNoOclif(path.join(__dirname, '..'));
  }, 60_000);
});
