// What the registry would get: `npm pack` of every publishable workspace package, each tarball
// checked for its built files and for what must stay out; then the CLI installed from those
// tarballs into an empty folder outside the repo, OFFLINE (@lake packages from the tarballs,
// everything else from this machine's npm cache), and run.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run } from '../../create-plugin/src/test-support/bounded-run';
import { LakeSandbox, topicsOf } from '../../create-plugin/src/test-support/lake-sandbox';
import { WORKSPACE_ROOT, installOffline, packPackages, type PackedTarball } from '../../create-plugin/src/test-support/offline-npm';
import { declaredFiles, isUnwanted, publishablePackages, type WorkspacePackage } from './workspace-packages';

jest.setTimeout(300_000);

const packages = publishablePackages(WORKSPACE_ROOT);
let work: string;
let packed: Map<string, PackedTarball>;

beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'lake-pack-'));
  packed = new Map(packPackages(packages.map((pkg) => pkg.dir), work).map((tarball) => [tarball.name, tarball]));
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.each(packages.map((pkg): [string, WorkspacePackage] => [pkg.name, pkg]))('the tarball of %s', (name, pkg) => {
  const files = () => packed.get(name)?.files ?? [];

  it('holds package.json, README, its built JavaScript and declarations, and every file the manifest points at', () => {
    expect(files()).toEqual(expect.arrayContaining(declaredFiles(pkg.manifest)));
    // A TypeScript package (one with `types`) ships its build; the generator is plain JS.
    if (pkg.manifest.types) {
      expect(files().some((file) => /^dist\/.*\.js$/.test(file))).toBe(true);
      expect(files().some((file) => /^dist\/.*\.d\.ts$/.test(file))).toBe(true);
    }
    if (pkg.manifest.oclif?.commands) expect(files().some((file) => file.startsWith(`${path.posix.normalize(pkg.manifest.oclif!.commands!)}/`))).toBe(true);
  });

  it('holds no tests, test support, TypeScript sources or build state', () => {
    expect(files().filter(isUnwanted)).toEqual([]);
  });
});

const withCommands = packages.filter((pkg) => pkg.manifest.oclif?.commands);

describe.each(withCommands.map((pkg): [string, WorkspacePackage] => [pkg.name, pkg]))('the tarball of %s, a package with commands', (name, pkg) => {
  it('holds the oclif manifest written at pack time, and the workspace keeps none', () => {
    expect(packed.get(name)?.files).toContain('oclif.manifest.json');
    expect(existsSync(path.join(pkg.dir, 'oclif.manifest.json'))).toBe(false);
  });
});

describe('the CLI installed from the tarballs into an empty folder, offline', () => {
  let sandbox: LakeSandbox;
  let installDir: string;

  beforeAll(() => {
    installDir = path.join(work, 'install');
    mkdirSync(installDir);
    // The CLI and the closure of its @lake dependencies (the first-party plugins among them).
    const closure = lakeClosure('@lake/cli');
    writeFileSync(path.join(installDir, 'package.json'), JSON.stringify({ name: 'lake-install', version: '1.0.0', private: true, dependencies: { '@lake/cli': packed.get('@lake/cli')!.version } }));
    installOffline(installDir, closure.map((name) => packed.get(name)!), 240_000);
    sandbox = new LakeSandbox(path.join(installDir, 'node_modules', '@lake', 'cli', 'bin', 'run.js'));
  });

  afterAll(() => sandbox?.remove());

  it('installed every @lake package from its tarball, none from the workspace', () => {
    for (const pkgName of lakeClosure('@lake/cli')) {
      const dir = path.join(installDir, 'node_modules', ...pkgName.split('/'));
      expect(existsSync(path.join(dir, 'package.json'))).toBe(true);
      expect(existsSync(path.join(dir, 'src'))).toBe(false);
    }
    expect(existsSync(path.join(installDir, 'node_modules', '.bin', 'lake'))).toBe(true);
  });

  it('reads each plugin\'s commands from its oclif manifest', () => {
    const manifestOf = (pkgName: string) =>
      JSON.parse(readFileSync(path.join(installDir, 'node_modules', ...pkgName.split('/'), 'oclif.manifest.json'), 'utf8')) as { version: string; commands: Record<string, unknown> };
    expect(Object.keys(manifestOf('@lake/source-bluetooth').commands).sort()).toEqual(['bt:insert', 'bt:publish', 'bt:ready', 'bt:standard']);
    expect(Object.keys(manifestOf('@lake/cli').commands)).toEqual(expect.arrayContaining(['demo', 'pipeline', 'plan', 'catalog:list']));
    expect(manifestOf('@lake/cli').version).toBe(packed.get('@lake/cli')!.version);
  });

  it('`lake --help` shows the host topics and the Bluetooth plugin', () => {
    const help = sandbox.lake('--help');
    expect(help.status).toBe(0);
    expect(topicsOf(help.stdout)).toEqual(expect.arrayContaining(['bt', 'catalog', 'perfmet', 'plugins']));
  });

  it('`lake demo` runs the Bluetooth sample through its four stages on the embedded default', () => {
    const demo = sandbox.lake('demo');
    expect(demo.status).toBe(0);
    for (const stage of ['bt:insert', 'bt:standard', 'bt:ready', 'bt:publish']) expect(demo.stdout).toMatch(new RegExp(`^${stage}\\s+ok`, 'm'));
    expect(sandbox.json<unknown[]>('catalog', 'list', '--source', 'bt').length).toBeGreaterThan(0);
  });

  it('`lake --version` names the installed CLI', () => {
    const version = run(process.execPath, [path.join(installDir, 'node_modules', '@lake', 'cli', 'bin', 'run.js'), '--version'], { cwd: installDir });
    expect(version.stdout).toContain(`@lake/cli/${packages.find((pkg) => pkg.name === '@lake/cli')!.version}`);
  });
});

/** A package and every @lake package it depends on, transitively. */
function lakeClosure(name: string, seen = new Set<string>()): string[] {
  if (seen.has(name)) return [...seen];
  seen.add(name);
  const pkg = packages.find((candidate) => candidate.name === name);
  if (!pkg) throw new Error(`${name} is not a publishable workspace package`);
  for (const dependency of Object.keys(pkg.manifest.dependencies ?? {})) if (dependency.startsWith('@lake/')) lakeClosure(dependency, seen);
  return [...seen].sort();
}
