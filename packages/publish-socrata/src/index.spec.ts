import path from 'node:path';
import { expectLibraryEntryLoadsNoOclif } from '@lake/testing';
import * as library from './index';

describe('@lake/publish-socrata as a library', () => {
  it('exports the driver, the SODA client, the SoQL helpers and the plugin', () => {
    expect(typeof library.SocrataPublishDriver).toBe('function');
    expect(typeof library.SodaClient).toBe('function');
    expect(typeof library.soqlRange).toBe('function');
    expect(library.socrataPlugin).toMatchObject({ name: '@lake/publish-socrata', coreRange: '^0.1.0' });
    expect(Object.keys(library.socrataPlugin.drivers?.publish ?? {})).toEqual(['socrata']);
  });

  it('does not load @oclif/core, which the init hook does (so the check can see it)', () => {
    expectLibraryEntryLoadsNoOclif(path.join(__dirname, '..'));
  }, 60_000);
});
