// TypeScript in a child Node process, with no build: a require hook compiles each .ts file with
// the TypeScript compiler as it loads (types are not checked there). For tests that need a real
// process: several lake processes on one SQLite file, or a module registry jest does not manage.
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

/**
 * Code for `node -e` that registers the `.ts` hook; the child finds the compiler through the
 * environment `tsChildEnv()` builds. With `node -e code file args…` process.argv is
 * [node, file, args…], so a module run after it sees its arguments at process.argv.slice(2).
 */
export const REGISTER_TS = `
const fs = require('node:fs');
const ts = require(process.env.LAKE_TS_COMPILER);
require.extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  module._compile(outputText, filename);
};
`;

/** The child's environment: this process's, `env` on top, and where the compiler is. */
export function tsChildEnv(env: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...process.env, ...env, LAKE_TS_COMPILER: require.resolve('typescript') };
}

/** Run `modulePath` (a .ts file) in a new Node process with `args`; resolves when it exits. */
export function forkTs(modulePath: string, args: string[] = [], options: ForkOptions = {}): Promise<ForkResult> {
  const absolute = path.resolve(modulePath);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', `${REGISTER_TS}require(process.argv[1]);`, absolute, ...args], {
      cwd: options.cwd ?? path.dirname(absolute),
      env: tsChildEnv(options.env),
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
