// Lake JSON files read as a stream: `{"header": {...}, "data": [ ... ], "devices": [ ... ]}` with
// the small members given whole and the elements of a big array handed out as they are read, so
// memory is bounded by a chunk and the largest element, never by the file. Tolerates what
// parseLakeJson tolerates (the original's bare NaN / Infinity / -Infinity, read as null) and any
// layout of whitespace.
//
// Speed: the bytes are only *scanned* here (strings, nesting); each chunk's complete elements are
// then parsed by one native JSON.parse call.
import { StringDecoder } from 'node:string_decoder';
import { InvalidLakeJson, MAX_JSON_DEPTH, offsetInText, syntaxProblem, tooDeep } from './invalid-lake-json';
import { parseLakeJson } from './lake-json';

export { InvalidLakeJson, MAX_JSON_DEPTH } from './invalid-lake-json';

export interface LakeJsonStreamOptions {
  /** Top-level members whose array value is handed out element by element (in batches). */
  arrays?: readonly string[];
  /** Top-level members scanned past without being parsed (for a first pass over a big file). */
  skip?: readonly string[];
  /** Names the input in errors, e.g. `repository/key`. */
  source?: string;
}

/** What the reader finds, in file order. */
export type LakeJsonEvent =
  /** A top-level member read whole (also a streamed member whose value is not an array). */
  | { kind: 'member'; key: string; value: unknown }
  /** The next elements of a streamed array, in order (one batch per chunk read). */
  | { kind: 'elements'; key: string; values: unknown[] }
  /** A streamed array ended after `count` elements. */
  | { kind: 'arrayEnd'; key: string; count: number }
  /** A skipped member; `shape` tells what its value was. */
  | { kind: 'skipped'; key: string; shape: JsonShape };

export type JsonShape = 'object' | 'array' | 'string' | 'other';

export type JsonInput = AsyncIterable<Buffer | Uint8Array | string>;

/** The events of a lake JSON object read from `input`; throws InvalidLakeJson on malformed input. */
export async function* readLakeJsonStream(input: JsonInput, options: LakeJsonStreamOptions = {}): AsyncGenerator<LakeJsonEvent> {
  const scanner = new LakeJsonScanner(options);
  const decoder = new StringDecoder('utf8');
  for await (const chunk of input) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    if (text.length > 0) yield* scanner.feed(text);
  }
  const rest = decoder.end();
  if (rest.length > 0) yield* scanner.feed(rest);
  yield* scanner.finish();
}

/** What pass one of LakeJsonFile found: every member but the array, and what the array was. */
export interface LakeJsonOutline {
  members: Record<string, unknown>;
  arrayShape: JsonShape | 'missing';
}

/**
 * A lake JSON file with one big array, read in two passes so that members after the array (the
 * ready layout writes `devices` after `data`) are known before the first element is used: pass
 * one scans past the array, pass two parses its elements. Memory stays flat either way.
 */
export class LakeJsonFile {
  private outlined: LakeJsonOutline | null = null;

  constructor(
    private readonly open: () => Promise<JsonInput>,
    readonly arrayKey: string,
    readonly source = 'JSON input',
  ) {}

  /** Pass one (once): the other members, whole. */
  async outline(): Promise<LakeJsonOutline> {
    if (this.outlined) return this.outlined;
    const members: Record<string, unknown> = {};
    let arrayShape: LakeJsonOutline['arrayShape'] = 'missing';
    for await (const event of readLakeJsonStream(await this.open(), { skip: [this.arrayKey], source: this.source })) {
      if (event.kind === 'member') members[event.key] = event.value;
      else if (event.kind === 'skipped') arrayShape = event.shape;
    }
    this.outlined = { members, arrayShape };
    return this.outlined;
  }

  /** Pass two: the array's elements in batches (none when the member is missing or no array). */
  async *batches(): AsyncGenerator<unknown[]> {
    for await (const event of readLakeJsonStream(await this.open(), { arrays: [this.arrayKey], source: this.source })) {
      if (event.kind === 'elements') yield event.values;
      // The members after the array are pass one's business: stop reading here.
      else if (event.kind === 'arrayEnd') return;
    }
  }
}

const enum Phase {
  Start,
  FirstKey,
  Key,
  KeyText,
  Colon,
  Value,
  AfterValue,
  End,
}

const enum ArrayPhase {
  First,
  Element,
  InElement,
  After,
}

const enum Mode {
  Whole,
  Skip,
  Array,
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const NAN_START = 0x4e; // N: outside strings only in NaN
const INFINITY_START = 0x49; // I: outside strings only in Infinity

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

/** Where a JSON value ends: resumable across chunks. */
class ValueScan {
  /** Told (and expected to throw) when the value nests deeper than MAX_JSON_DEPTH in its file. */
  constructor(private readonly onTooDeep?: (index: number) => never) {}

  depth = 0;
  inString = false;
  escaped = false;
  primitive = false;
  nonFinite = false;
  started = false;
  shape: JsonShape = 'other';

  reset(): void {
    this.depth = 0;
    this.inString = false;
    this.escaped = false;
    this.primitive = false;
    this.nonFinite = false;
    this.started = false;
    this.shape = 'other';
  }

  /**
   * Scans from `from` (at the value's first character when it starts); returns the index just
   * past the value, or -1 when the text ended first. A primitive ends before its delimiter.
   */
  scan(text: string, from: number): number {
    const length = text.length;
    let index = from;
    if (!this.started) {
      this.started = true;
      const code = text.charCodeAt(index);
      if (code === OPEN_OBJECT || code === OPEN_ARRAY) {
        this.shape = code === OPEN_OBJECT ? 'object' : 'array';
        this.depth = 1;
        index++;
      } else if (code === QUOTE) {
        this.shape = 'string';
        this.inString = true;
        index++;
      } else {
        this.primitive = true;
      }
    }
    if (this.primitive) {
      for (; index < length; index++) {
        const code = text.charCodeAt(index);
        if (code === COMMA || code === CLOSE_OBJECT || code === CLOSE_ARRAY || isSpace(code)) return index;
        if (code === NAN_START || code === INFINITY_START) this.nonFinite = true;
      }
      return -1;
    }
    let depth = this.depth;
    let inString = this.inString;
    let escaped = this.escaped;
    while (index < length) {
      if (inString) {
        // Most bytes are inside strings: jump to the closing quote natively.
        if (escaped) {
          escaped = false;
          index++;
          continue;
        }
        const quote = text.indexOf('"', index);
        const backslash = this.backslashFrom(text, index);
        if (backslash !== -1 && (quote === -1 || backslash < quote)) {
          index = backslash + 1;
          escaped = true;
          continue;
        }
        if (quote === -1) {
          index = length;
          break;
        }
        index = quote + 1;
        inString = false;
        if (depth === 0) return this.done(index);
        continue;
      }
      const code = text.charCodeAt(index++);
      if (code === QUOTE) {
        inString = true;
      } else if (code === OPEN_OBJECT || code === OPEN_ARRAY) {
        // The top-level object is one level more.
        if (++depth >= MAX_JSON_DEPTH) this.onTooDeep?.(index - 1);
      } else if (code === CLOSE_OBJECT || code === CLOSE_ARRAY) {
        if (--depth === 0) return this.done(index);
      } else if (code === NAN_START || code === INFINITY_START) {
        this.nonFinite = true;
      }
    }
    this.depth = depth;
    this.inString = inString;
    this.escaped = escaped;
    return -1;
  }

  private backslashText = '';
  private backslashSearched = 0;
  private backslashIndex = -1;

  /** Index of the first backslash at or after `from`, or -1; one search serves many strings. */
  private backslashFrom(text: string, from: number): number {
    const known = text === this.backslashText && from >= this.backslashSearched && (this.backslashIndex === -1 || from <= this.backslashIndex);
    if (!known) {
      this.backslashText = text;
      this.backslashSearched = from;
      this.backslashIndex = text.indexOf('\\', from);
    }
    return this.backslashIndex;
  }

  private done(index: number): number {
    this.depth = 0;
    this.inString = false;
    this.escaped = false;
    return index;
  }
}

/** The state machine over the top-level object, fed text in any pieces. */
class LakeJsonScanner {
  private readonly arrays: ReadonlySet<string>;
  private readonly skip: ReadonlySet<string>;
  private readonly source: string;
  private phase = Phase.Start;
  private arrayPhase = ArrayPhase.First;
  private mode = Mode.Whole;
  private key = '';
  private readonly value = new ValueScan((index) => this.fail(tooDeep(), index));
  /** Text of the unit being read (key, whole value or element) from earlier chunks. */
  private parts: string[] = [];
  /** Byte offset where that unit starts (known once it spans chunks). */
  private partsStart = 0;
  private text = '';
  /** Bytes of the file before `text`. */
  private textStart = 0;
  private count = 0;
  private batchStart = -1;
  private batchEnd = -1;
  private batchNonFinite = false;
  private elementStart = -1;
  private events: LakeJsonEvent[] = [];

  constructor(options: LakeJsonStreamOptions) {
    this.arrays = new Set(options.arrays ?? []);
    this.skip = new Set(options.skip ?? []);
    this.source = options.source ?? 'JSON input';
  }

  feed(text: string): LakeJsonEvent[] {
    this.text = text;
    let index = 0;
    // The unit in progress continues at the start of this text.
    let unitStart = 0;
    while (index < text.length) {
      switch (this.phase) {
        case Phase.Start: {
          index = this.skipSpace(index);
          if (index === text.length) break;
          if (text.charCodeAt(index) !== OPEN_OBJECT) this.fail('expected a JSON object', index);
          index++;
          this.phase = Phase.FirstKey;
          break;
        }
        case Phase.FirstKey:
        case Phase.Key: {
          index = this.skipSpace(index);
          if (index === text.length) break;
          const code = text.charCodeAt(index);
          if (code === CLOSE_OBJECT && this.phase === Phase.FirstKey) {
            this.phase = Phase.End;
            index++;
            break;
          }
          if (code !== QUOTE) this.fail('expected a member name in double quotes', index);
          this.value.reset();
          unitStart = index;
          this.phase = Phase.KeyText;
          break;
        }
        case Phase.KeyText: {
          const end = this.value.scan(text, index);
          if (end === -1) {
            index = text.length;
            break;
          }
          this.key = this.parseUnit(unitStart, end, 'member name') as string;
          index = end;
          this.phase = Phase.Colon;
          break;
        }
        case Phase.Colon: {
          index = this.skipSpace(index);
          if (index === text.length) break;
          if (text.charCodeAt(index) !== COLON) this.fail(`expected ':' after member name "${this.key}"`, index);
          index++;
          this.phase = Phase.Value;
          this.mode = Mode.Whole;
          this.value.reset();
          break;
        }
        case Phase.Value: {
          if (!this.value.started) {
            index = this.skipSpace(index);
            if (index === text.length) break;
            const code = text.charCodeAt(index);
            if (code === COMMA || code === CLOSE_OBJECT || code === CLOSE_ARRAY || code === COLON) this.fail(`expected a value for "${this.key}"`, index);
            unitStart = index;
            if (code === OPEN_ARRAY && this.arrays.has(this.key)) {
              this.mode = Mode.Array;
              this.arrayPhase = ArrayPhase.First;
              this.count = 0;
              this.batchStart = -1;
              this.batchEnd = -1;
              this.batchNonFinite = false;
              index++;
              this.phase = Phase.AfterValue; // once the array is done
              this.value.started = true;
              break;
            }
            if (this.skip.has(this.key)) this.mode = Mode.Skip;
          }
          const end = this.value.scan(text, index);
          if (end === -1) {
            index = text.length;
            break;
          }
          if (this.mode === Mode.Skip) {
            this.events.push({ kind: 'skipped', key: this.key, shape: this.value.shape });
            this.parts = [];
          } else {
            this.events.push({ kind: 'member', key: this.key, value: this.parseUnit(unitStart, end, `value of "${this.key}"`, this.value.nonFinite) });
          }
          index = end;
          this.phase = Phase.AfterValue;
          break;
        }
        case Phase.AfterValue: {
          if (this.mode === Mode.Array) {
            index = this.scanArray(index);
            break;
          }
          index = this.skipSpace(index);
          if (index === text.length) break;
          const code = text.charCodeAt(index);
          if (code === COMMA) this.phase = Phase.Key;
          else if (code === CLOSE_OBJECT) this.phase = Phase.End;
          else this.fail(`expected ',' or '}' after the value of "${this.key}"`, index);
          index++;
          break;
        }
        case Phase.End: {
          index = this.skipSpace(index);
          if (index < text.length) this.fail('unexpected text after the end of the object', index);
          break;
        }
      }
    }
    this.endOfText(unitStart);
    const events = this.events;
    this.events = [];
    return events;
  }

  finish(): LakeJsonEvent[] {
    if (this.phase !== Phase.End) this.fail('unexpected end of input', 0, true);
    return [];
  }

  /** The elements of a streamed array; returns where the array's scan stopped. */
  private scanArray(from: number): number {
    const text = this.text;
    let index = from;
    while (index < text.length) {
      switch (this.arrayPhase) {
        case ArrayPhase.First:
        case ArrayPhase.Element: {
          index = this.skipSpace(index);
          if (index === text.length) return index;
          const code = text.charCodeAt(index);
          if (code === CLOSE_ARRAY && this.arrayPhase === ArrayPhase.First) {
            this.endArray();
            return index + 1;
          }
          if (code === COMMA || code === CLOSE_ARRAY || code === CLOSE_OBJECT || code === COLON) this.fail(`expected an element of "${this.key}"`, index);
          this.value.reset();
          this.elementStart = index;
          if (this.batchStart === -1) this.batchStart = index;
          this.arrayPhase = ArrayPhase.InElement;
          break;
        }
        case ArrayPhase.InElement: {
          const end = this.value.scan(text, index);
          if (end === -1) return text.length;
          if (this.value.nonFinite) this.batchNonFinite = true;
          if (this.parts.length > 0) {
            // An element that began in an earlier chunk is parsed alone.
            this.events.push({ kind: 'elements', key: this.key, values: [this.parseUnit(0, end, `element ${this.count} of "${this.key}"`, this.value.nonFinite)] });
            this.batchStart = -1;
            this.batchNonFinite = false;
          } else {
            this.batchEnd = end;
          }
          this.count++;
          this.elementStart = -1;
          index = end;
          this.arrayPhase = ArrayPhase.After;
          break;
        }
        case ArrayPhase.After: {
          index = this.skipSpace(index);
          if (index === text.length) return index;
          const code = text.charCodeAt(index);
          if (code === COMMA) {
            this.arrayPhase = ArrayPhase.Element;
            index++;
          } else if (code === CLOSE_ARRAY) {
            this.endArray();
            return index + 1;
          } else {
            this.fail(`expected ',' or ']' after element ${this.count - 1} of "${this.key}"`, index);
          }
          break;
        }
      }
    }
    return index;
  }

  private endArray(): void {
    this.flushBatch();
    this.events.push({ kind: 'arrayEnd', key: this.key, count: this.count });
    this.mode = Mode.Whole;
    this.phase = Phase.AfterValue;
  }

  /** Parses the complete elements of this text seen so far with one JSON.parse call. */
  private flushBatch(): void {
    if (this.batchStart === -1 || this.batchEnd === -1) return;
    const start = this.batchStart;
    const end = this.batchEnd;
    const body = this.text.slice(start, end);
    let values: unknown[];
    try {
      values = (this.batchNonFinite ? parseLakeJson(`[${body}]`) : JSON.parse(`[${body}]`)) as unknown[];
    } catch (error) {
      throw this.locateBatchError(start, end, error);
    }
    this.events.push({ kind: 'elements', key: this.key, values });
    this.batchStart = -1;
    this.batchEnd = -1;
    this.batchNonFinite = false;
  }

  /** The text ran out: parse what is complete, keep what is not. */
  private endOfText(unitStart: number): void {
    const text = this.text;
    if (this.phase === Phase.AfterValue && this.mode === Mode.Array) {
      this.flushBatch();
      // Indexes into this text mean nothing in the next one.
      this.batchStart = -1;
      this.batchEnd = -1;
      this.batchNonFinite = false;
      if (this.arrayPhase === ArrayPhase.InElement) this.keepPart(this.parts.length > 0 ? 0 : this.elementStart);
    } else if (this.phase === Phase.KeyText || (this.phase === Phase.Value && this.value.started)) {
      if (this.mode !== Mode.Skip) this.keepPart(this.parts.length > 0 ? 0 : unitStart);
    }
    this.textStart += Buffer.byteLength(text, 'utf8');
    this.text = '';
  }

  private keepPart(from: number): void {
    if (this.parts.length === 0) this.partsStart = this.byteAt(from);
    this.parts.push(this.text.slice(from));
  }

  /** The unit from `start` (or from its earlier parts) to `end` of this text, parsed. */
  private parseUnit(start: number, end: number, what: string, nonFinite = false): unknown {
    const fromParts = this.parts.length > 0;
    const unitText = fromParts ? this.parts.join('') + this.text.slice(0, end) : this.text.slice(start, end);
    const unitByte = fromParts ? this.partsStart : this.byteAt(start);
    this.parts = [];
    try {
      return nonFinite ? parseLakeJson(unitText) : JSON.parse(unitText);
    } catch (error) {
      throw new InvalidLakeJson(this.source, `bad ${what} (${syntaxProblem(error)})`, unitByte + offsetInText(unitText, error));
    }
  }

  /** Finds the element of a failed batch that is not valid JSON. */
  private locateBatchError(start: number, end: number, error: unknown): InvalidLakeJson {
    const scan = new ValueScan();
    let index = start;
    let element = this.count - 1;
    const elements: [number, number][] = [];
    while (index < end) {
      index = this.skipSpace(index);
      if (this.text.charCodeAt(index) === COMMA) index = this.skipSpace(index + 1);
      scan.reset();
      const elementEnd = scan.scan(this.text, index);
      elements.push([index, elementEnd === -1 ? end : elementEnd]);
      index = elementEnd === -1 ? end : elementEnd;
    }
    element -= elements.length - 1;
    for (const [elementStart, elementEnd] of elements) {
      const elementText = this.text.slice(elementStart, elementEnd);
      try {
        parseLakeJson(elementText);
      } catch (elementError) {
        return new InvalidLakeJson(this.source, `bad element ${element} of "${this.key}" (${syntaxProblem(elementError)})`, this.byteAt(elementStart) + offsetInText(elementText, elementError));
      }
      element++;
    }
    return new InvalidLakeJson(this.source, `bad elements of "${this.key}" (${syntaxProblem(error)})`, this.byteAt(start));
  }

  private skipSpace(from: number): number {
    const text = this.text;
    let index = from;
    while (index < text.length && isSpace(text.charCodeAt(index))) index++;
    return index;
  }

  /** Byte offset in the file of index `index` of the current text. */
  private byteAt(index: number): number {
    return this.textStart + Buffer.byteLength(this.text.slice(0, index), 'utf8');
  }

  private fail(problem: string, index: number, atEnd = false): never {
    throw new InvalidLakeJson(this.source, problem, atEnd ? this.textStart : this.byteAt(index));
  }
}
