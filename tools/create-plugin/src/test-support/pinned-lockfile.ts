// A package-lock.json for a folder outside the monorepo that pins every third-party package to
// the version the monorepo's lockfile resolved (what a shrinkwrapped package would pin), with the
// @lake packages coming from `npm pack` tarballs.
//
// Why: without a lockfile npm resolves each range to the newest version the cached registry
// metadata lists, and that version's tarball need not be in the cache (seen here: tedious asks
// for @types/node >=18 → the newest @types/node → undici-types 8.x, never downloaded), so an
// offline install fails with ENOTCACHED. Pinned to the workspace's versions, every tarball is one
// the workspace install put in the cache.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface LakeTarball {
  name: string;
  version: string;
  /** Absolute path of the .tgz. */
  path: string;
  integrity: string;
}

interface LockEntry {
  name?: string;
  version?: string;
  resolved?: string;
  link?: boolean;
  integrity?: string;
  [field: string]: unknown;
}

export interface RootManifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  [field: string]: unknown;
}

/**
 * `root` with its @lake dependencies turned into `file:` specs of the tarballs, and the lockfile
 * to install it with. Only @lake packages the root (or another @lake package) depends on are
 * given: their own manifests are read from the tarball's source folder in the workspace.
 */
export function pinnedInstall(workspaceRoot: string, installDir: string, root: RootManifest, tarballs: LakeTarball[]): { manifest: RootManifest; lockfile: object } {
  const workspaceLock = JSON.parse(readFileSync(path.join(workspaceRoot, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const spec = (tarball: LakeTarball) => `file:${path.relative(installDir, tarball.path).split(path.sep).join('/')}`;
  const byName = new Map(tarballs.map((tarball) => [tarball.name, tarball]));
  const pointAtTarballs = (dependencies: Record<string, string> | undefined) =>
    dependencies && Object.fromEntries(Object.entries(dependencies).map(([name, range]) => [name, byName.has(name) ? spec(byName.get(name)!) : range]));
  const manifest: RootManifest = { ...root, dependencies: pointAtTarballs(root.dependencies), devDependencies: pointAtTarballs(root.devDependencies) };

  // Where each workspace package lives (packages/core) → its name (@lake/core), and its manifest.
  const workspaceFolders = new Map<string, string>();
  for (const [location, entry] of Object.entries(workspaceLock.packages)) {
    if (entry.link && typeof entry.resolved === 'string') workspaceFolders.set(entry.resolved, location.replace(/^node_modules\//, ''));
  }
  const folderOf = new Map([...workspaceFolders].map(([folder, name]) => [name, folder]));

  const packages: Record<string, LockEntry> = {
    '': { name: manifest.name, version: manifest.version, dependencies: manifest.dependencies, devDependencies: manifest.devDependencies },
  };
  for (const tarball of tarballs) {
    const folder = folderOf.get(tarball.name);
    if (!folder) throw new Error(`${tarball.name} is not a package of this workspace`);
    const { version, dependencies, bin, engines, license } = JSON.parse(readFileSync(path.join(workspaceRoot, folder, 'package.json'), 'utf8')) as Record<string, unknown>;
    packages[`node_modules/${tarball.name}`] = { version: String(version), resolved: spec(tarball), integrity: tarball.integrity, license, dependencies, bin, engines };
  }
  for (const [location, entry] of Object.entries(workspaceLock.packages)) {
    if (location === '' || entry.link) continue;
    if (location.startsWith('node_modules/')) {
      packages[location] = withTarballUrl(location, entry);
      continue;
    }
    // A dependency nested in a workspace package (packages/core/node_modules/semver) nests in
    // the installed package the same way, if that package is installed at all.
    const nested = /^(.*?)\/node_modules\/(.*)$/.exec(location);
    const owner = nested ? workspaceFolders.get(nested[1]) : undefined;
    if (nested && owner && byName.has(owner)) packages[`node_modules/${owner}/node_modules/${nested[2]}`] = withTarballUrl(location, entry);
  }
  // npm drops what nothing in this tree needs (the monorepo's other tools) when it installs.
  return { manifest, lockfile: { name: manifest.name, version: manifest.version, lockfileVersion: 3, requires: true, packages } };
}

/**
 * The registry tarball URL of an entry. This machine's ~/.npmrc has
 * omit-lockfile-registry-resolved=true, so the workspace lock has none; without one npm asks the
 * registry metadata where the tarball is, and metadata the workspace install never needed (a
 * package added to the lock later) is not in the cache. With the URL and the integrity npm finds
 * the tarball in the cache directly.
 */
function withTarballUrl(location: string, entry: LockEntry): LockEntry {
  if (entry.resolved || !entry.version || !entry.integrity) return entry;
  const name = typeof entry.name === 'string' ? entry.name : location.slice(location.lastIndexOf('node_modules/') + 'node_modules/'.length);
  const basename = name.split('/').pop() as string;
  return { ...entry, resolved: `https://registry.npmjs.org/${name}/-/${basename}-${entry.version}.tgz` };
}
