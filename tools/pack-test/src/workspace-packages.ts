// The packages of this monorepo that npm would publish: every workspace whose package.json is
// not private, with what its tarball must hold (entry points, oclif hooks and commands, bins).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface WorkspacePackage {
  name: string;
  version: string;
  dir: string;
  manifest: Manifest;
}

export interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  main?: string;
  types?: string;
  bin?: Record<string, string>;
  dependencies?: Record<string, string>;
  oclif?: { commands?: string; hooks?: Record<string, string | string[]> };
}

/** Folders the root package.json's `workspaces` names (`dir/*` and exact folders). */
export function workspaceDirs(root: string): string[] {
  const patterns = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { workspaces: string[] }).workspaces;
  const dirs: string[] = [];
  for (const pattern of patterns) {
    if (pattern.endsWith('/*')) {
      const parent = path.join(root, pattern.slice(0, -2));
      for (const entry of readdirSync(parent, { withFileTypes: true })) if (entry.isDirectory()) dirs.push(path.join(parent, entry.name));
    } else {
      dirs.push(path.join(root, pattern));
    }
  }
  return dirs.filter((dir) => existsSync(path.join(dir, 'package.json'))).sort();
}

export function publishablePackages(root: string): WorkspacePackage[] {
  return workspaceDirs(root)
    .map((dir) => {
      const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as Manifest;
      return { name: manifest.name, version: manifest.version, dir, manifest };
    })
    .filter((pkg) => pkg.manifest.private !== true);
}

/** Paths (inside the tarball, without `package/`) a package's manifest says exist. */
export function declaredFiles(manifest: Manifest): string[] {
  const files = ['package.json', 'README.md'];
  const clean = (file: string) => path.posix.normalize(file).replace(/^\.\//, '');
  if (manifest.main) files.push(clean(manifest.main));
  if (manifest.types) files.push(clean(manifest.types));
  for (const bin of Object.values(manifest.bin ?? {})) files.push(clean(bin));
  for (const hook of Object.values(manifest.oclif?.hooks ?? {}).flat()) files.push(`${clean(hook).replace(/\.js$/, '')}.js`);
  return files;
}

/**
 * What must never be published: tests, test support, TypeScript sources, build state. Files
 * under `templates/` are content (the generator's templates of a plugin's tests and sources).
 */
export function isUnwanted(file: string): boolean {
  if (file.startsWith('templates/')) return false;
  return /(^|\/)[^/]*\.spec\.[^/]*$/.test(file) || /(^|\/)test-support\//.test(file) || /(^|\/)test-fixtures\//.test(file) || /^src\//.test(file) || /\.tsbuildinfo$/.test(file) || /(^|\/)tsconfig[^/]*\.json$/.test(file) || /(^|\/)jest\.config\.js$/.test(file);
}
