import { spawnSync } from 'node:child_process';
import path from 'node:path';
import * as library from './index';

// Jest keeps its own module registry, so the check runs in a plain Node process: compile .ts on
// the fly, require the module, and list the oclif files that ended up in require.cache.
const LIST_OCLIF_MODULES = `
const fs = require('node:fs');
const ts = require(process.env.TS_COMPILER);
require.extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  module._compile(outputText, filename);
};
require(process.argv[1]);
const oclif = Object.keys(require.cache).filter((file) => /[\\\\/]@oclif[\\\\/]core[\\\\/]/.test(file));
process.stdout.write(JSON.stringify(oclif.length));
`;

function oclifModulesLoadedBy(file: string): number {
  const result = spawnSync(process.execPath, ['-e', LIST_OCLIF_MODULES, path.join(__dirname, file)], {
    cwd: path.join(__dirname, '..'),
    env: { ...process.env, TS_COMPILER: require.resolve('typescript') },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`node exited ${result.status}: ${result.stderr}`);
  return Number(result.stdout);
}

describe('@lake/storage-s3 as a library', () => {
  it('exports the driver, its settings reader, the errors and the plugin', () => {
    expect(typeof library.S3StorageDriver).toBe('function');
    expect(typeof library.s3OptionsFromSettings).toBe('function');
    expect(typeof library.BucketNotFound).toBe('function');
    expect(library.s3Plugin).toMatchObject({ name: '@lake/storage-s3', coreRange: '^0.1.0' });
    expect(Object.keys(library.s3Plugin.drivers?.storage ?? {})).toEqual(['s3']);
  });

  it('does not load @oclif/core', () => {
    expect(oclifModulesLoadedBy('index.ts')).toBe(0);
  }, 30_000);

  it('leaves oclif to the init hook (which shows the check can see it)', () => {
    expect(oclifModulesLoadedBy('hooks/init.ts')).toBeGreaterThan(0);
  }, 30_000);
});
