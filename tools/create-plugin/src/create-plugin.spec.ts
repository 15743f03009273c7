// The generator on its own: what it writes, where, with which versions, and what it refuses.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { listFiles } from '../lib/render-templates';
import { createPlugin } from '../lib/create-plugin';
import { main } from '../lib/cli';
import { bundledVersions, monorepoVersions } from '../lib/lake-versions';
import { WORKSPACE_ROOT } from './test-support/offline-npm';

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

/** Runs the command line, collecting what it prints. */
function cli(argv: string[], cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const status = main(argv, { out: (line) => out.push(line), err: (line) => err.push(line), cwd });
  return { status, out: out.join('\n'), err: err.join('\n') };
}

/** A minimal lake monorepo: enough for the generator to recognise one. */
function fakeMonorepo(root: string): void {
  writeFileSync(path.join(root, 'package.json'), JSON.stringify({ private: true, workspaces: ['packages/*'], devDependencies: { typescript: '5.0.0' } }));
  for (const [name, version] of [['core', '3.4.5'], ['command', '3.4.6']]) {
    mkdirSync(path.join(root, 'packages', name), { recursive: true });
    writeFileSync(path.join(root, 'packages', name, 'package.json'), JSON.stringify({ name: `@lake/${name}`, version }));
  }
}

describe('createPlugin', () => {
  let tmp: string;

  beforeEach(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'lake-create-plugin-'));
  });

  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  describe('outside a lake monorepo', () => {
    it('writes a standalone package: sources, commands under the topic, hook, tests, README, toolchain', () => {
      const created = createPlugin({ dir: 'dockless', source: 'dm', name: '@city/lake-source-dockless', cwd: tmp });
      expect(created).toMatchObject({ root: path.join(tmp, 'dockless'), packageName: '@city/lake-source-dockless', source: 'dm', mode: 'standalone' });
      expect(created.files).toEqual([
        '.gitignore',
        'README.md',
        'jest.config.js',
        'package.json',
        'src/commands/dm/insert.ts',
        'src/commands/dm/standard.ts',
        'src/formats/readings-csv.spec.ts',
        'src/formats/readings-csv.ts',
        'src/hooks/init.ts',
        'src/index.ts',
        'src/plugin.ts',
        'src/samples.ts',
        'src/stages/dm-insert.ts',
        'src/stages/dm-stages.spec.ts',
        'src/stages/dm-standard.ts',
        'tsconfig.json',
      ]);
      expect(listFiles(created.root)).toEqual(created.files);
      expect(created.nextSteps).toEqual([`cd ${created.root}`, 'npm install', 'npm run build && npm test', `lake plugins link ${created.root}`]);
    });

    it('declares the package the way lake loads it: entry points, oclif commands, hook and topic, @lake versions of today', () => {
      const { root } = createPlugin({ dir: path.join(tmp, 'p'), source: 'dm', name: '@city/lake-source-dockless' });
      const manifest = readJson(path.join(root, 'package.json'));
      const core = readJson(path.join(WORKSPACE_ROOT, 'packages', 'core', 'package.json')).version;
      const command = readJson(path.join(WORKSPACE_ROOT, 'packages', 'command', 'package.json')).version;
      expect(manifest).toMatchObject({
        name: '@city/lake-source-dockless',
        version: '0.1.0',
        main: 'dist/index.js',
        types: 'dist/index.d.ts',
        exports: { '.': { types: './dist/index.d.ts', default: './dist/index.js' }, './package.json': './package.json' },
        files: ['dist', 'README.md'],
        dependencies: { '@lake/core': `^${core}`, '@lake/command': `^${command}` },
        oclif: { commands: './dist/commands', hooks: { init: './dist/hooks/init' }, topics: { dm: { description: expect.any(String) } } },
      });
      const rootDev = readJson(path.join(WORKSPACE_ROOT, 'package.json')).devDependencies;
      for (const tool of ['typescript', 'jest', 'ts-jest', '@types/jest', '@types/node']) expect(manifest.devDependencies[tool]).toBe(rootDev[tool]);
      expect(readFileSync(path.join(root, 'src', 'plugin.ts'), 'utf8')).toContain(`coreRange: '^${core}'`);
    });

    it('gives a standalone tsconfig: strict, Node16, src → dist, specs left out of the build', () => {
      const { root } = createPlugin({ dir: path.join(tmp, 'p'), source: 'dm' });
      const tsconfig = readJson(path.join(root, 'tsconfig.json'));
      expect(tsconfig.extends).toBeUndefined();
      expect(tsconfig.compilerOptions).toMatchObject({ strict: true, module: 'Node16', moduleResolution: 'Node16', rootDir: 'src', outDir: 'dist', declaration: true });
      expect(tsconfig.exclude).toEqual(['src/**/*.spec.ts']);
    });

    it('names the package lake-source-<code> by default and names classes after the code', () => {
      const { root, packageName } = createPlugin({ dir: path.join(tmp, 'p'), source: 'radar2' });
      expect(packageName).toBe('lake-source-radar2');
      expect(readFileSync(path.join(root, 'src', 'index.ts'), 'utf8')).toContain("export { Radar2Insert } from './stages/radar2-insert';");
      expect(readFileSync(path.join(root, 'src', 'stages', 'radar2-standard.ts'), 'utf8')).toContain("readonly name = 'radar2:standard';");
    });

    it('leaves no template token in any file', () => {
      const { root, files } = createPlugin({ dir: path.join(tmp, 'p'), source: 'dm' });
      for (const file of files) expect(readFileSync(path.join(root, file), 'utf8')).not.toMatch(/__[A-Za-z]+(_[A-Za-z0-9]+)*__/);
    });

    it('accepts an existing empty folder', () => {
      mkdirSync(path.join(tmp, 'empty'));
      expect(createPlugin({ dir: path.join(tmp, 'empty'), source: 'dm' }).files).toContain('package.json');
    });
  });

  describe('inside a lake monorepo', () => {
    it('extends the repo tsconfig and jest preset and pins the sibling versions', () => {
      fakeMonorepo(tmp);
      const created = createPlugin({ dir: path.join(tmp, 'packages', 'source-zz'), source: 'zz', name: '@lake/source-zz' });
      expect(created.mode).toBe('workspace');
      expect(created.files).not.toContain('.gitignore');
      const manifest = readJson(path.join(created.root, 'package.json'));
      expect(manifest.dependencies).toEqual({ '@lake/core': '3.4.5', '@lake/command': '3.4.6' });
      expect(manifest.devDependencies).toBeUndefined();
      expect(manifest.scripts.build).toBe('tsc -b');
      expect(readJson(path.join(created.root, 'tsconfig.json'))).toMatchObject({
        extends: '../../tsconfig.base.json',
        references: [{ path: '../../packages/core' }, { path: '../../packages/command' }],
      });
      expect(readFileSync(path.join(created.root, 'jest.config.js'), 'utf8')).toBe("module.exports = require('../../tools/jest.preset.js')('source-zz');\n");
      expect(readFileSync(path.join(created.root, 'src', 'plugin.ts'), 'utf8')).toContain("coreRange: '^3.4.5'");
      expect(created.nextSteps[0]).toMatch(/^npm install/);
    });

    it('says so when the folder is not one of the workspaces', () => {
      fakeMonorepo(tmp);
      const created = createPlugin({ dir: path.join(tmp, 'elsewhere', 'zz'), source: 'zz' });
      expect(created.mode).toBe('workspace');
      expect(readJson(path.join(created.root, 'tsconfig.json')).extends).toBe('../../tsconfig.base.json');
      expect(created.nextSteps[0]).toBe('# elsewhere/zz is not in the root package.json "workspaces": add it there');
    });
  });

  describe('refuses', () => {
    it.each([
      [{ source: 'bt' }, 'SOURCE_TAKEN', 'data source code "bt" is already used by @lake/source-bluetooth'],
      [{ source: 'catalog' }, 'SOURCE_TAKEN', 'data source code "catalog" is already used by the lake host'],
      [{ source: 'Dm' }, 'INVALID_SOURCE', 'data source code "Dm" is not 1-16 lowercase letters and digits starting with a letter'],
      [{ source: 'd-m' }, 'INVALID_SOURCE', expect.stringContaining('"d-m"')],
      [{ source: '' }, 'MISSING_SOURCE', 'no data source code given'],
      [{ source: 'dm', name: 'Lake Source' }, 'INVALID_NAME', '"Lake Source" is not a valid npm package name'],
      [{ source: 'dm', name: '@city/' }, 'INVALID_NAME', expect.stringContaining('@city/')],
    ])('%j with %s, writing nothing', (options, code, message) => {
      expect(() => createPlugin({ dir: path.join(tmp, 'p'), cwd: tmp, ...options })).toThrow(expect.objectContaining({ code, message, exitCode: 2 }));
      expect(existsSync(path.join(tmp, 'p'))).toBe(false);
    });

    it('a folder that already holds files, and leaves them alone', () => {
      mkdirSync(path.join(tmp, 'taken'));
      writeFileSync(path.join(tmp, 'taken', 'notes.txt'), 'mine');
      expect(() => createPlugin({ dir: path.join(tmp, 'taken'), source: 'dm' })).toThrow(expect.objectContaining({ code: 'TARGET_NOT_EMPTY' }));
      expect(listFiles(path.join(tmp, 'taken'))).toEqual(['notes.txt']);
    });
  });
});

describe('create-lake-plugin (command line)', () => {
  let tmp: string;

  beforeEach(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'lake-create-plugin-cli-'));
  });

  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  it('scaffolds into a folder relative to the cwd and lists what it wrote and what to do next', () => {
    const run = cli(['mine', '--source', 'dm', '--name', '@city/lake-source-dockless'], tmp);
    expect(run.status).toBe(0);
    expect(run.out).toContain(`Created @city/lake-source-dockless (standalone) in ${path.join(tmp, 'mine')}:`);
    expect(run.out).toContain('  src/stages/dm-standard.ts');
    expect(run.out).toContain(`  lake plugins link ${path.join(tmp, 'mine')}`);
    expect(existsSync(path.join(tmp, 'mine', 'src', 'hooks', 'init.ts'))).toBe(true);
  });

  it('takes the short flags', () => {
    expect(cli(['mine', '-s', 'dm', '-n', 'lake-source-dm'], tmp).status).toBe(0);
    expect(readJson(path.join(tmp, 'mine', 'package.json')).name).toBe('lake-source-dm');
  });

  it('shows a usage error as lake does: code, message, hint, exit 2', () => {
    const run = cli(['mine', '--source', 'bt'], tmp);
    expect(run.status).toBe(2);
    expect(run.err).toBe('Error (SOURCE_TAKEN): data source code "bt" is already used by @lake/source-bluetooth\nHint: pick another code: it becomes the command topic and the stage-name prefix');
  });

  it('refuses unknown flags and extra arguments', () => {
    expect(cli(['mine', '--source', 'dm', '--colour'], tmp)).toMatchObject({ status: 2, err: expect.stringContaining('Error (USAGE)') });
    expect(cli(['a', 'b', '--source', 'dm'], tmp)).toMatchObject({ status: 2, err: expect.stringContaining('unexpected arguments: b') });
    expect(cli(['--source', 'dm'], tmp)).toMatchObject({ status: 2, err: expect.stringContaining('Error (MISSING_DIR)') });
  });

  it('prints its help', () => {
    expect(cli(['--help'], tmp)).toMatchObject({ status: 0, out: expect.stringContaining('Usage: create-lake-plugin <dir> --source <code>') });
  });
});

describe('the versions a published generator carries', () => {
  it('are those of this monorepo (update lakeVersions in package.json after a release)', () => {
    expect(bundledVersions()).toEqual(monorepoVersions(WORKSPACE_ROOT));
  });
});
