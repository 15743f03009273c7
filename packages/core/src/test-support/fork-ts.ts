// Runs a TypeScript module in a child Node process, for tests that need several real processes
// (e.g. two `lake` runs writing one SQLite file). The child compiles `.ts` files on the fly with
// the TypeScript compiler, so no build is needed; type errors are not reported there.
import { spawn } from 'node:child_process';
import path from 'node:path';

export interface ForkResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface ForkOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

// Registers a `.ts` loader, then runs the module. With `node -e code file args…` process.argv is
// [node, file, args…], so the module sees its arguments at process.argv.slice(2) as usual.
const BOOTSTRAP = `
const fs = require('node:fs');
const ts = require(process.env.LAKE_FORK_TS_COMPILER);
require.extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  module._compile(outputText, filename);
};
require(process.argv[1]);
`;

/** Run `modulePath` (a .ts file) in a new Node process with `args`; resolves when it exits. */
export function forkTs(modulePath: string, args: string[] = [], options: ForkOptions = {}): Promise<ForkResult> {
  const absolute = path.resolve(modulePath);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', BOOTSTRAP, absolute, ...args], {
      cwd: options.cwd ?? path.dirname(absolute),
      env: { ...process.env, ...options.env, LAKE_FORK_TS_COMPILER: require.resolve('typescript') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
