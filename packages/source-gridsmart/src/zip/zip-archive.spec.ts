// Found by the hostile-input suite (stages/gs-standard.hostile.spec.ts): yauzl does not check an
// entry's CRC-32, so damaged data went through, and its inflate errors named no archive.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { zipLayout } from '@lake/testing';
import { zipOf } from '../test-support/zip-fixtures';
import { ZipArchive } from './zip-archive';

describe('ZipArchive.read', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-zip-archive-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function readAll(bytes: Buffer): Promise<string> {
    const file = path.join(dir, 'a.zip');
    fs.writeFileSync(file, bytes);
    const archive = await ZipArchive.open(file, 'Lamar_gs_2020-03-04.zip');
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of await archive.read(archive.entries[0])) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    } finally {
      archive.close();
    }
  }

  const text = '8,12,3.4,-360,L,14,21,G,1.2,1,8.5,8.5,35,33\r\n'.repeat(200);

  it('reads an entry whose bytes match its CRC-32', async () => {
    expect(await readAll(await zipOf({ 'cam/2020-03-04/z.csv': text }))).toBe(text);
  });

  it('fails an entry whose CRC-32 disagrees with its bytes, naming archive and entry', async () => {
    const zip = await zipOf({ 'cam/2020-03-04/z.csv': text });
    const [central] = zipLayout(zip).centrals;
    const wrong = (zip.readUInt32LE(central.start + 16) ^ 0x5a5a) >>> 0;
    zip.writeUInt32LE(wrong, central.start + 16);
    zip.writeUInt32LE(wrong, central.localStart + 14);
    await expect(readAll(zip)).rejects.toMatchObject({ code: 'GS_CORRUPT_ZIP_ENTRY', message: expect.stringMatching(/^Lamar_gs_2020-03-04\.zip: cam\/2020-03-04\/z\.csv is damaged: CRC-32 [0-9a-f]{8} where the archive says [0-9a-f]{8}$/) });
  });

  it('fails an entry whose deflate data are damaged with the same error', async () => {
    const zip = await zipOf({ 'cam/2020-03-04/z.csv': text });
    const [local] = zipLayout(zip).locals;
    for (let at = local.start + local.headerLength; at < local.start + local.headerLength + local.dataLength; at += 3) zip[at] ^= 0x55;
    await expect(readAll(zip)).rejects.toMatchObject({ code: 'GS_CORRUPT_ZIP_ENTRY', message: expect.stringContaining('Lamar_gs_2020-03-04.zip: cam/2020-03-04/z.csv is damaged: ') });
  });
  it('fails an entry whose local header names it otherwise than the central directory (a GUID one digit off)', async () => {
    const zip = await zipOf({ 'cam/2020-03-04/z.csv': text });
    const [central] = zipLayout(zip).centrals;
    zip[central.start + 46 + 'cam/2020-03-04/'.length] = 'y'.charCodeAt(0);
    await expect(readAll(zip)).rejects.toMatchObject({ code: 'GS_CORRUPT_ZIP_ENTRY', message: 'Lamar_gs_2020-03-04.zip: cam/2020-03-04/y.csv is damaged: its local header names it "cam/2020-03-04/z.csv"' });
  });
});
