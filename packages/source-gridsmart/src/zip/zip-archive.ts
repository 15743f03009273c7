// A ZIP read with yauzl: the entry list first (central directory only, no data), then entries
// streamed on demand. Nothing is ever extracted under an entry's own name. Names are decoded
// here, not by yauzl, so one entry with a path trick (`../x`, `/etc/x`) is reported and skipped
// instead of making the whole archive unreadable.
import fs from 'node:fs';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import zlib from 'node:zlib';
import yauzl from 'yauzl';
import { CorruptZip, CorruptZipEntry } from './zip-errors';

export interface ZipEntryInfo {
  /** Decoded name, `/`-separated. */
  name: string;
  isDirectory: boolean;
  /** Declared unpacked size; yauzl fails the entry's stream if the data disagree. */
  size: number;
  /** Why the name cannot be trusted (absolute, `..`, empty parts), or null. */
  unsafe: string | null;
  entry: yauzl.Entry;
}

/** A name's problem as a path, or null: absolute, drive letters, `..`, `.`, empty parts, backslashes. */
export function unsafeEntryName(name: string): string | null {
  const yauzlProblem = yauzl.validateFileName(name);
  if (yauzlProblem) return yauzlProblem;
  const parts = name.replace(/\/$/, '').split('/');
  if (parts.some((part) => part === '' || part === '.' || part === '..')) return `invalid relative path: ${name}`;
  if (/[\u0000-\u001f]/.test(name)) return `control characters in name: ${JSON.stringify(name)}`;
  return null;
}

export class ZipArchive {
  private constructor(
    private readonly zip: yauzl.ZipFile,
    readonly entries: readonly ZipEntryInfo[],
    /** How the archive is named in messages. */
    private readonly what: string,
    private readonly filePath: string,
  ) {}

  /** Opens and lists an archive; a file that is not a ZIP fails with CorruptZip. */
  static async open(filePath: string, what: string): Promise<ZipArchive> {
    let zip: yauzl.ZipFile;
    try {
      zip = await yauzl.openPromise(filePath, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true, strictFileNames: true });
    } catch (error) {
      throw new CorruptZip(what, error);
    }
    const entries: ZipEntryInfo[] = [];
    try {
      for await (const entry of zip.eachEntry()) {
        const name = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, true);
        entries.push({ name, isDirectory: name.endsWith('/'), size: entry.uncompressedSize, unsafe: unsafeEntryName(name), entry });
      }
    } catch (error) {
      zip.close();
      throw new CorruptZip(what, error);
    }
    return new ZipArchive(zip, entries, what, filePath);
  }

  /**
   * The unpacked bytes of an entry, checked against its CRC-32 at the end. Any failure of the
   * entry (bad deflate data, wrong size, wrong CRC) is a CorruptZipEntry naming archive and entry.
   */
  async read(entry: ZipEntryInfo): Promise<Readable> {
    const fail = (cause: unknown) => new CorruptZipEntry(this.what, entry.name, cause);
    await this.checkLocalName(entry, fail);
    let raw: Readable;
    try {
      raw = await this.zip.openReadStreamPromise(entry.entry);
    } catch (error) {
      throw fail(error);
    }
    const expected = entry.entry.crc32 >>> 0;
    let crc = 0;
    const checked = new Transform({
      transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
        crc = crc32(chunk, crc);
        callback(null, chunk);
      },
      flush(callback: TransformCallback) {
        callback(crc >>> 0 === expected ? null : fail(`CRC-32 ${hex(crc)} where the archive says ${hex(expected)}`));
      },
    });
    raw.on('error', (error) => checked.destroy(fail(error)));
    // A reader that stops early must not leave the entry's stream (and its file handle) open.
    checked.on('close', () => raw.destroy());
    return raw.pipe(checked);
  }

  /**
   * yauzl takes an entry's name from the central directory only; a local header that names the
   * entry otherwise means one of the two is damaged, and a damaged name (a GUID one digit off)
   * would file the zone's data under another zone.
   */
  private async checkLocalName(entry: ZipEntryInfo, fail: (cause: unknown) => Error): Promise<void> {
    const central: Buffer = entry.entry.fileNameRaw;
    const handle = await fs.promises.open(this.filePath, 'r');
    try {
      const offset = entry.entry.relativeOffsetOfLocalHeader;
      const header = Buffer.alloc(30 + central.length);
      const { bytesRead } = await handle.read(header, 0, header.length, offset);
      if (bytesRead < 30 || header.readUInt32LE(0) !== 0x04034b50) throw fail('no local file header where the central directory says');
      const local = header.subarray(30, 30 + header.readUInt16LE(26));
      if (header.readUInt16LE(26) !== central.length || !local.equals(central)) throw fail(`its local header names it ${JSON.stringify(local.toString('utf8'))}`);
    } finally {
      await handle.close();
    }
  }

  close(): void {
    if (this.zip.isOpen) this.zip.close();
  }
}

function hex(value: number): string {
  return (value >>> 0).toString(16).padStart(8, '0');
}

// zlib.crc32 is native from Node 20.15; the table is the fallback for older Node 20 releases.
const nativeCrc32 = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;
let table: Uint32Array | null = null;

function crc32(data: Buffer, value: number): number {
  if (nativeCrc32) return nativeCrc32(data, value);
  table ??= Uint32Array.from({ length: 256 }, (_, index) => {
    let c = index;
    for (let bit = 0; bit < 8; bit++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  let crc = ~value >>> 0;
  for (let index = 0; index < data.length; index++) crc = table[(crc ^ data[index]) & 0xff] ^ (crc >>> 8);
  return ~crc >>> 0;
}
