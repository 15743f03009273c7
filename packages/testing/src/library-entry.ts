// A plugin's library entry (src/index.ts) must be usable without the CLI: loading it must not pull
// in @oclif/core, which only its oclif hooks and commands need.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { REGISTER_TS, tsChildEnv } from './ts-child-process';

// Jest keeps its own module registry, so the check runs in a plain Node process: require the
// module, then count the oclif files that ended up in require.cache.
const COUNT_OCLIF_MODULES = `${REGISTER_TS}
require(process.argv[1]);
const oclif = Object.keys(require.cache).filter((file) => /[\\\\/]@oclif[\\\\/]core[\\\\/]/.test(file));
process.stdout.write(JSON.stringify(oclif.length));
`;

/** How many @oclif/core files loading `file` (a .ts path relative to the package) brings in. */
export function oclifModulesLoadedBy(packageDir: string, file: string): number {
  const result = spawnSync(process.execPath, ['-e', COUNT_OCLIF_MODULES, path.join(packageDir, file)], {
    cwd: packageDir,
    env: tsChildEnv(),
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`node exited ${result.status}: ${result.stderr}`);
  return Number(result.stdout);
}

/**
 * Expects the package's src/index.ts to load no @oclif/core, and its init hook to load some: the
 * control that shows the check can see oclif at all. Takes two Node processes; give the case a
 * timeout of about a minute.
 */
export function expectLibraryEntryLoadsNoOclif(packageDir: string, control = 'src/hooks/init.ts'): void {
  expect(oclifModulesLoadedBy(packageDir, 'src/index.ts')).toBe(0);
  expect(oclifModulesLoadedBy(packageDir, control)).toBeGreaterThan(0);
}
