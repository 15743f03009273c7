import path from 'node:path';
import { expectLibraryEntryLoadsNoOclif } from '@lake/testing';
import * as library from './index';

describe('@lake/storage-s3 as a library', () => {
  it('exports the driver, its settings reader, the errors and the plugin', () => {
    expect(typeof library.S3StorageDriver).toBe('function');
    expect(typeof library.s3OptionsFromSettings).toBe('function');
    expect(typeof library.BucketNotFound).toBe('function');
    expect(library.s3Plugin).toMatchObject({ name: '@lake/storage-s3', coreRange: '^0.1.0' });
    expect(Object.keys(library.s3Plugin.drivers?.storage ?? {})).toEqual(['s3']);
  });

  it('does not load @oclif/core, which the init hook does (so the check can see it)', () => {
    expectLibraryEntryLoadsNoOclif(path.join(__dirname, '..'));
  }, 60_000);
});
