// A ZIP read with yauzl: the entry list first (central directory only, no data), then entries
// streamed on demand. Nothing is ever extracted under an entry's own name. Names are decoded
// here, not by yauzl, so one entry with a path trick (`../x`, `/etc/x`) is reported and skipped
// instead of making the whole archive unreadable.
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { CorruptZip } from './zip-errors';

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
    return new ZipArchive(zip, entries);
  }

  /** The unpacked bytes of an entry. */
  async read(entry: ZipEntryInfo): Promise<Readable> {
    return this.zip.openReadStreamPromise(entry.entry);
  }

  close(): void {
    if (this.zip.isOpen) this.zip.close();
  }
}
