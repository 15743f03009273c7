// `lake <args>` in a LakeSandbox without blocking the test process. LakeSandbox.lake uses
// spawnSync, which freezes the test's event loop for the whole run: doubles served from the test
// process (s3rver, SODA, Knack, PostgREST) could not answer, and the run would hang until killed.
// Same isolation (the sandbox's own environment and cwd), same bound.
import { spawn } from 'node:child_process';
import { RUN_JS, type LakeRun, type LakeSandbox } from './lake-cli';

const TIMEOUT_MS = 90_000;

export async function runLake(sandbox: LakeSandbox, args: string[], timeoutMs = TIMEOUT_MS): Promise<LakeRun> {
  // LakeSandbox keeps its environment private; LakeProcess reads it the same way.
  const env = sandbox['env'] as NodeJS.ProcessEnv;
  const child = spawn(process.execPath, [RUN_JS, ...args], { cwd: sandbox.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, timeoutMs);
  const status = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve(code));
  }).finally(() => clearTimeout(timer));
  if (timedOut) throw new Error(`lake ${args.join(' ')} did not finish within ${timeoutMs} ms; stderr:\n${stderr.slice(-4000)}`);
  return { status, stdout, stderr, text: `${stdout}\n${stderr}`.replace(/›/g, ' ').replace(/\s+/g, ' ').trim() };
}
