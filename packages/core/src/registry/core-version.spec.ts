// Plugins check their coreRange against CORE_VERSION, so it must be the published version.
import fs from 'node:fs';
import path from 'node:path';
import { CORE_VERSION } from '../version';

describe('CORE_VERSION', () => {
  it('equals the version in packages/core/package.json', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { name: string; version: string };
    expect(manifest.name).toBe('@lake/core');
    expect(CORE_VERSION).toBe(manifest.version);
  });
});
