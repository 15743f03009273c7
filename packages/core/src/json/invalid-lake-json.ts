// The one error of every lake JSON reader: what is wrong, where (a byte offset), in which file.
import { LakeError } from '../errors';

/**
 * Deeper than this, a JSON value is refused. V8 parses any depth, but JSON.stringify and every
 * recursive reader of the value overflow the stack a few thousand levels down, as a RangeError
 * that names no file; no lake file comes near (records are flat, site files about 8 levels).
 */
export const MAX_JSON_DEPTH = 512;

export class InvalidLakeJson extends LakeError {
  constructor(
    readonly source: string,
    readonly problem: string,
    /** Byte offset in the file where the problem was found. */
    readonly position: number,
  ) {
    super('INVALID_LAKE_JSON', `${source} is not valid lake JSON: ${problem} at byte ${position}`, 'the file is damaged or is no lake JSON file; make it again (run its stage again with -F)');
  }
}

export function syntaxProblem(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Byte offset inside `text` of the position a JSON.parse error names (0 when it names none). */
export function offsetInText(text: string, error: unknown): number {
  const match = error instanceof Error ? /position (\d+)/.exec(error.message) : null;
  return match ? Buffer.byteLength(text.slice(0, Number(match[1])), 'utf8') : 0;
}

export function tooDeep(): string {
  return `nested deeper than ${MAX_JSON_DEPTH} levels`;
}
