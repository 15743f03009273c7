// A ZIP archive starts with a local file header `PK\x03\x04`, or, when it holds nothing, with the
// end-of-directory record `PK\x05\x06`. Checked before a counts file is accepted (§8.2).
import { open } from 'node:fs/promises';

const ZIP_MAGICS = [Buffer.from('PK\x03\x04', 'latin1'), Buffer.from('PK\x05\x06', 'latin1')];

/** True when the bytes start like a ZIP archive. */
export function startsLikeZip(start: Buffer): boolean {
  return ZIP_MAGICS.some((magic) => start.subarray(0, magic.length).equals(magic));
}

/** The first `length` bytes of a file (fewer when it is shorter). */
export async function fileStart(file: string, length = 24): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
