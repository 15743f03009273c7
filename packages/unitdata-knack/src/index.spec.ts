import path from 'node:path';
import { expectLibraryEntryLoadsNoOclif } from '@lake/testing';
import * as library from './index';

describe('@lake/unitdata-knack as a library', () => {
  it('exports the client, the inventory functions, the driver and the plugin', () => {
    expect(typeof library.KnackClient).toBe('function');
    expect(typeof library.buildInventory).toBe('function');
    expect(typeof library.toInt).toBe('function');
    expect(typeof library.KnackUnitDataDriver).toBe('function');
    expect(library.knackPlugin).toMatchObject({ name: '@lake/unitdata-knack', coreRange: '^0.1.0' });
    expect(Object.keys(library.knackPlugin.drivers?.unitData ?? {})).toEqual(['knack']);
  });

  it('does not load @oclif/core, which the init hook does (so the check can see it)', () => {
    expectLibraryEntryLoadsNoOclif(path.join(__dirname, '..'));
  }, 60_000);
});
