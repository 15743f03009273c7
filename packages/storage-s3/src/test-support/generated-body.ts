// Large deterministic bodies for tests, produced on demand so the test itself holds no copy.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';

const CHUNK = 64 * 1024;

export interface GeneratedBody {
  stream: Readable;
  /** Bytes handed to the consumer so far. */
  produced(): number;
  /** sha256 of everything produced, once the stream has ended. */
  sha256(): string;
}

/** `size` bytes of a repeating, position-dependent pattern; fails with `failAfter` bytes out, if given. */
export function generatedBody(size: number, failAfter?: number): GeneratedBody {
  const hash = createHash('sha256');
  let produced = 0;
  let digest: string | undefined;
  const stream = new Readable({
    read() {
      if (failAfter !== undefined && produced >= failAfter) {
        this.destroy(new Error('source broke'));
        return;
      }
      if (produced >= size) {
        this.push(null);
        return;
      }
      const length = Math.min(CHUNK, size - produced);
      const chunk = Buffer.alloc(length);
      for (let index = 0; index < length; index++) chunk[index] = (produced + index) % 251;
      hash.update(chunk);
      produced += length;
      this.push(chunk);
    },
  });
  return { stream, produced: () => produced, sha256: () => (digest ??= hash.digest('hex')) };
}

export async function sha256Of(stream: AsyncIterable<unknown>): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of stream) {
    const bytes = chunk as Buffer;
    hash.update(bytes);
    size += bytes.length;
  }
  return { sha256: hash.digest('hex'), size };
}
