// npm the way a plugin author or a user outside the monorepo uses it, but offline: the @lake
// packages come from `npm pack` tarballs of this workspace (they are not on a registry), every
// third-party package from the npm cache this machine already holds (`--offline`: a package
// missing from the cache fails the install instead of reaching the network), at the versions the
// monorepo's lockfile pins (see pinned-lockfile.ts for why).
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runOk } from './bounded-run';
import { pinnedInstall, type LakeTarball, type RootManifest } from './pinned-lockfile';

export const WORKSPACE_ROOT = path.resolve(__dirname, '..', '..', '..', '..');

export interface PackedTarball extends LakeTarball {
  filename: string;
  /** Paths inside the tarball (without `package/`). */
  files: string[];
}

/** process.env without the npm_* variables `npm test` / nx put there (they would steer the child npm). */
export function cleanNpmEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const kept = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
  return { ...kept, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false', ...extra };
}

/** `npm pack` of workspace package folders into `destination`, in one npm run. */
export function packPackages(packageDirs: string[], destination: string): PackedTarball[] {
  mkdirSync(destination, { recursive: true });
  const ran = runOk('npm', ['pack', ...packageDirs, '--pack-destination', destination, '--json'], {
    cwd: destination,
    env: cleanNpmEnv(),
    timeoutMs: 120_000,
  });
  return (JSON.parse(ran.stdout) as { name: string; version: string; filename: string; integrity: string; files: { path: string }[] }[]).map((packed) => ({
    name: packed.name,
    version: packed.version,
    filename: packed.filename,
    path: path.join(destination, packed.filename),
    integrity: packed.integrity,
    files: packed.files.map((file) => file.path),
  }));
}

/**
 * Installs the package in `dir` offline: its @lake dependencies from `tarballs`, the rest pinned
 * to the workspace's versions. `--ignore-scripts`: the one dependency with an install script is
 * better-sqlite3, whose prebuilt download is unreachable here, so its script compiles from source
 * (60-100 s on this machine); provideSqliteAddon copies the addon the workspace compiled instead
 * (same package version, same Node ABI). Every other file comes from the tarballs and the cache.
 */
export function installOffline(dir: string, tarballs: LakeTarball[], timeoutMs = 180_000): void {
  const root = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as RootManifest;
  const { manifest, lockfile } = pinnedInstall(WORKSPACE_ROOT, dir, root, tarballs);
  writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(path.join(dir, 'package-lock.json'), `${JSON.stringify(lockfile, null, 2)}\n`);
  runOk('npm', ['install', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: dir, env: cleanNpmEnv(), timeoutMs });
  provideSqliteAddon(path.join(dir, 'node_modules'));
}

/** Puts the workspace's compiled better-sqlite3 addon into the better-sqlite3 under `nodeModules`, if there is one. */
export function provideSqliteAddon(nodeModules: string): void {
  const release = path.join(nodeModules, 'better-sqlite3', 'build', 'Release');
  if (!existsSync(path.join(nodeModules, 'better-sqlite3'))) return;
  const workspaceCopy = path.dirname(require.resolve('better-sqlite3/package.json', { paths: [path.join(WORKSPACE_ROOT, 'packages', 'core')] }));
  mkdirSync(release, { recursive: true });
  copyFileSync(path.join(workspaceCopy, 'build', 'Release', 'better_sqlite3.node'), path.join(release, 'better_sqlite3.node'));
}
