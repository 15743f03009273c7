// The generator inside the monorepo: the new package extends the repo's tsconfig (project
// references to core and command), builds with `tsc -b` and runs its tests with the repo's jest
// preset, @lake/* resolving through the workspace's node_modules. It is written into a scratch
// folder of this package (inside the repo, outside the npm workspaces) and removed afterwards.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createPlugin } from '../lib/create-plugin';
import { plain, run, runOk } from './test-support/bounded-run';
import { WORKSPACE_ROOT } from './test-support/offline-npm';

jest.setTimeout(180_000);

const TSC = path.join(WORKSPACE_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const JEST = path.join(WORKSPACE_ROOT, 'node_modules', 'jest', 'bin', 'jest.js');

describe('a plugin scaffolded inside the monorepo', () => {
  let scratch: string;
  let root: string;

  beforeAll(() => {
    scratch = mkdtempSync(path.join(__dirname, '..', '.scratch-'));
    root = createPlugin({ dir: path.join(scratch, 'packages', 'source-ws'), source: 'ws', name: '@lake/source-ws' }).root;
  });

  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('builds with tsc -b against the workspace packages', () => {
    expect(JSON.parse(readFileSync(path.join(root, 'tsconfig.json'), 'utf8')).extends).toBe('../../../../../tsconfig.base.json');
    runOk(process.execPath, [TSC, '-b'], { cwd: root, timeoutMs: 120_000 });
    for (const file of ['index.js', 'index.d.ts', 'hooks/init.js', 'commands/ws/insert.js', 'stages/ws-standard.js']) expect(existsSync(path.join(root, 'dist', file))).toBe(true);
    expect(existsSync(path.join(root, 'dist', 'stages', 'ws-stages.spec.js'))).toBe(false);
  });

  it('passes its generated tests with the repo\'s jest preset', () => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'LAKE_JEST_REPORT_DIR'));
    const tests = run(process.execPath, [JEST, '--ci'], { cwd: root, env, timeoutMs: 120_000 });
    expect(plain(`${tests.stdout}${tests.stderr}`)).toMatch(/Tests:\s+9 passed, 9 total/);
    expect(tests.status).toBe(0);
  });
});
