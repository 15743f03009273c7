import path from 'node:path';
import { expectLibraryEntryLoadsNoOclif } from '@lake/testing';
import * as library from './index';

describe('@lake/catalog-postgrest as a library', () => {
  it('exports the drivers, the table client and the plugin', () => {
    expect(typeof library.PostgrestCatalogDriver).toBe('function');
    expect(typeof library.PostgrestPerfmetDriver).toBe('function');
    expect(typeof library.PostgrestTable).toBe('function');
    expect(library.postgrestPlugin).toMatchObject({ name: '@lake/catalog-postgrest', coreRange: '^0.1.0' });
    expect(Object.keys(library.postgrestPlugin.drivers?.catalog ?? {})).toEqual(['postgrest']);
    expect(Object.keys(library.postgrestPlugin.drivers?.perfmet ?? {})).toEqual(['postgrest']);
  });

  it('does not load @oclif/core, which the init hook does (so the check can see it)', () => {
    expectLibraryEntryLoadsNoOclif(path.join(__dirname, '..'));
  }, 60_000);
});
