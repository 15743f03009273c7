import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { forkTs } from './ts-child-process';

describe('forkTs', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lake-fork-ts-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('runs a TypeScript module that imports another, with arguments, output and exit code', async () => {
    fs.writeFileSync(path.join(dir, 'greeting.ts'), 'export const greet = (name: string): string => `hello ${name}`;\n');
    fs.writeFileSync(
      path.join(dir, 'main.ts'),
      [
        "import { greet } from './greeting';",
        'const [name, code] = process.argv.slice(2) as [string, string];',
        'process.stdout.write(greet(name));',
        "process.stderr.write('to stderr');",
        'process.exitCode = Number(code);',
      ].join('\n'),
    );
    expect(await forkTs(path.join(dir, 'main.ts'), ['lake', '3'])).toEqual({ code: 3, stdout: 'hello lake', stderr: 'to stderr' });
  }, 30_000);
});
