// Where a run wrote: the stage loop takes its temp folder from os.tmpdir() at run time, so a run
// given a private TMPDIR shows every temp file it forgot; folder listings before and after show
// what else it touched.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface PrivateTmpResult<T> {
  value: T;
  /** Files and folders the run left in its temp folder, relative to it (should be none). */
  leftovers: string[];
}

/** Runs `fn` with TMPDIR pointing at a fresh folder, then lists what is left in it and removes it. */
export async function withPrivateTmp<T>(fn: () => Promise<T>): Promise<PrivateTmpResult<T>> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lake-watched-tmp-'));
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = tmp;
  try {
    const value = await fn();
    return { value, leftovers: fileTree(tmp, { folders: true }) };
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Every file (and, with `folders`, folder) below `dir`, relative, `/`-separated, sorted. */
export function fileTree(dir: string, options: { folders?: boolean } = {}): string[] {
  const out: string[] = [];
  const walk = (relative: string) => {
    for (const entry of fs.readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      const name = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (options.folders) out.push(`${name}/`);
        walk(name);
      } else out.push(name);
    }
  };
  if (fs.existsSync(dir)) walk('');
  return out.sort();
}
