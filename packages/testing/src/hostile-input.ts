// Hostile inputs made from valid samples: truncations, stray bytes, wrong delimiters, oversized
// fields, damaged ZIP headers, bare NaN tokens, deep nesting… Every variant comes from a seeded LCG
// (never Math.random), so a failing variant is the same on every run and can be named in a report.
import fs from 'node:fs';

/** A linear congruential generator (Numerical Recipes constants): small, seeded, repeatable. */
export class Lcg {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** The next unsigned 32-bit value. */
  next(): number {
    this.state = (Math.imul(this.state, 1664525) + 1013904223) >>> 0;
    return this.state;
  }

  /** A float in [0, 1). */
  float(): number {
    return this.next() / 4294967296;
  }

  /** An integer in [0, max). */
  int(max: number): number {
    if (max <= 0) throw new Error(`Lcg.int: max must be positive, got ${max}`);
    return Math.floor(this.float() * max);
  }

  /** An integer in [min, max]. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** `count` random bytes. */
  bytes(count: number): Buffer {
    const out = Buffer.allocUnsafe(count);
    for (let index = 0; index < count; index++) out[index] = this.next() >>> 24;
    return out;
  }
}

/** One malformed input made from a sample. */
export interface HostileVariant<Kind extends string = string> {
  /** Unique among the variants of one call, e.g. `truncate@117`: safe in file names. */
  name: string;
  kind: Kind;
  bytes: Buffer;
  /** 1-based line of the sample where the damage starts, for line-based formats. */
  line?: number;
  /** Byte offset of the damage in the sample. */
  offset?: number;
}

// ---------------------------------------------------------------------------------------------
// Line-based text (CSV)

export const TEXT_MUTATIONS = [
  'truncate',
  'truncate-in-char',
  'truncate-in-quotes',
  'nul',
  'invalid-utf8',
  'delimiter',
  'columns',
  'big-field',
  'huge-line',
  'line-endings',
  'empty',
  'binary',
] as const;

export type TextMutation = (typeof TEXT_MUTATIONS)[number];

export interface TextVariantOptions {
  seed: number;
  /** Variants of each random kind (truncate, nul, invalid-utf8, columns, line-endings, binary); default 4. */
  perKind?: number;
  /** Kinds to make (default all but `huge-line`, which is large). */
  kinds?: readonly TextMutation[];
  /** The field separator of the format (default `,`). */
  delimiter?: string;
  /** Size of the `big-field` field (default 1 MiB). */
  bigFieldBytes?: number;
  /** Size of the `huge-line` line (default 5 MiB). */
  hugeLineBytes?: number;
  /** Size of `binary` inputs (default 4 KiB). */
  binaryBytes?: number;
  /**
   * Lines never damaged (1-based), e.g. a header line whose loss would only test the header.
   * Truncations still cut them when the offset falls there.
   */
  keepLines?: readonly number[];
}

/** Byte sequences that are never valid UTF-8: stray bytes, lone continuation, overlong, surrogate, cut sequence. */
export const INVALID_UTF8: readonly Buffer[] = [
  Buffer.from([0xff]),
  Buffer.from([0xfe, 0xfe]),
  Buffer.from([0x80]),
  Buffer.from([0xc0, 0xaf]),
  Buffer.from([0xed, 0xa0, 0x80]),
  Buffer.from([0xe2, 0x82]),
  Buffer.from([0xf8, 0x88, 0x80, 0x80, 0x80]),
];

/**
 * Malformed versions of a line-based text sample. The sample should hold a multi-byte character
 * and a quoted field, so that `truncate-in-char` and `truncate-in-quotes` have somewhere to cut.
 */
export function textVariants(sample: Buffer | string, options: TextVariantOptions): HostileVariant<TextMutation>[] {
  const bytes = Buffer.isBuffer(sample) ? sample : Buffer.from(sample, 'utf8');
  const rng = new Lcg(options.seed);
  const perKind = options.perKind ?? 4;
  const kinds = new Set(options.kinds ?? TEXT_MUTATIONS.filter((kind) => kind !== 'huge-line'));
  const delimiter = options.delimiter ?? ',';
  const lines = lineSpans(bytes);
  const keep = new Set(options.keepLines ?? []);
  const damageable = lines.filter((span) => !keep.has(span.line) && span.end > span.start);
  if (damageable.length === 0) throw new Error('textVariants: the sample has no line that may be damaged');
  const variants: HostileVariant<TextMutation>[] = [];
  const add = (kind: TextMutation, name: string, out: Buffer, offset?: number) =>
    variants.push({ name: `${kind}@${name}`, kind, bytes: out, offset, line: offset === undefined ? undefined : lineAt(lines, offset) });

  if (kinds.has('truncate')) {
    for (const offset of distinct(perKind, () => 1 + rng.int(bytes.length - 1))) add('truncate', String(offset), bytes.subarray(0, offset), offset);
  }
  if (kinds.has('truncate-in-char')) {
    // Between the lead byte and a continuation byte of a multi-byte character.
    const inside = offsetsWhere(bytes, (byte) => (byte & 0xc0) === 0x80);
    for (const offset of sampleOf(rng, inside, perKind)) add('truncate-in-char', String(offset), bytes.subarray(0, offset), offset);
  }
  if (kinds.has('truncate-in-quotes')) {
    for (const offset of sampleOf(rng, offsetsInQuotes(bytes), perKind)) add('truncate-in-quotes', String(offset), bytes.subarray(0, offset), offset);
  }
  if (kinds.has('nul')) {
    for (let index = 0; index < perKind; index++) {
      const offset = pointInLine(rng, rng.pick(damageable));
      add('nul', String(offset), splice(bytes, offset, 0, Buffer.from([0])), offset);
    }
  }
  if (kinds.has('invalid-utf8')) {
    for (let index = 0; index < perKind; index++) {
      const offset = pointInLine(rng, rng.pick(damageable));
      const bad = INVALID_UTF8[index % INVALID_UTF8.length];
      add('invalid-utf8', `${offset}-${bad.toString('hex')}`, splice(bytes, offset, 0, bad), offset);
    }
  }
  if (kinds.has('delimiter')) {
    for (const [label, replacement] of [['semicolon', ';'], ['tab', '\t']] as const) {
      add('delimiter', `${label}-all`, Buffer.from(bytes.toString('latin1').split(delimiter).join(replacement), 'latin1'), damageable[0].start);
      const span = rng.pick(damageable);
      const line = Buffer.from(bytes.subarray(span.start, span.end).toString('latin1').split(delimiter).join(replacement), 'latin1');
      add('delimiter', `${label}-line${span.line}`, splice(bytes, span.start, span.end - span.start, line), span.start);
    }
  }
  if (kinds.has('columns')) {
    for (let index = 0; index < perKind; index++) {
      const span = rng.pick(damageable);
      const fields = bytes.subarray(span.start, span.end).toString('latin1').split(delimiter);
      let changed: string[];
      let label: string;
      if (index % 3 === 0 && fields.length > 1) {
        changed = fields.slice(0, rng.between(1, fields.length - 1));
        label = `fewer${changed.length}`;
      } else if (index % 3 === 1) {
        changed = [...fields, ...Array.from({ length: rng.between(1, 5) }, (_, extra) => `extra${extra}`)];
        label = `more${changed.length}`;
      } else {
        changed = [fields.join('')];
        label = 'one';
      }
      add('columns', `line${span.line}-${label}-${index}`, splice(bytes, span.start, span.end - span.start, Buffer.from(changed.join(delimiter), 'latin1')), span.start);
    }
  }
  if (kinds.has('big-field')) {
    const span = rng.pick(damageable);
    const field = Buffer.alloc(options.bigFieldBytes ?? 1024 * 1024, 'x');
    const commas = offsetsWhere(bytes.subarray(span.start, span.end), (byte) => byte === delimiter.charCodeAt(0)).map((at) => span.start + at);
    const at = commas.length > 0 ? rng.pick(commas) + 1 : span.start;
    // The field's own bytes replace nothing: the line gets one more, very long, value.
    add('big-field', `line${span.line}`, splice(bytes, at, 0, Buffer.concat([field, Buffer.from(delimiter, 'latin1')])), at);
  }
  if (kinds.has('huge-line')) {
    const size = options.hugeLineBytes ?? 5 * 1024 * 1024;
    const ended = bytes.length === 0 || bytes[bytes.length - 1] === 0x0a || bytes[bytes.length - 1] === 0x0d ? bytes : Buffer.concat([bytes, Buffer.from('\n')]);
    add('huge-line', `${size}`, Buffer.concat([ended, hugeLine(size, rng, delimiter)]), ended.length);
  }
  if (kinds.has('line-endings')) {
    const text = bytes.toString('latin1').replace(/\r\n|\r/g, '\n');
    for (let index = 0; index < perKind; index++) {
      const mixed = text.replace(/\n/g, () => rng.pick(['\n', '\r\n', '\r']));
      add('line-endings', `mix${index}`, Buffer.from(mixed, 'latin1'));
    }
  }
  if (kinds.has('empty')) add('empty', '0', Buffer.alloc(0), 0);
  if (kinds.has('binary')) {
    for (let index = 0; index < Math.max(1, Math.ceil(perKind / 2)); index++) add('binary', String(index), rng.bytes(options.binaryBytes ?? 4096), 0);
  }
  return variants;
}

/** `size` bytes of printable text with delimiters and a few quotes but no line break. */
export function hugeLine(size: number, rng: Lcg, delimiter = ','): Buffer {
  const out = Buffer.alloc(size);
  const alphabet = Buffer.from(`abcdefghijklmnopqrstuvwxyz0123456789 ${delimiter}${delimiter}"`, 'latin1');
  for (let index = 0; index < size; index++) out[index] = alphabet[rng.next() % alphabet.length];
  return out;
}

interface LineSpan {
  line: number;
  /** Byte offsets of the line's text, without its line break. */
  start: number;
  end: number;
}

function lineSpans(bytes: Buffer): LineSpan[] {
  const spans: LineSpan[] = [];
  let start = 0;
  let line = 1;
  for (let index = 0; index <= bytes.length; index++) {
    const code = bytes[index];
    if (index < bytes.length && code !== 0x0a && code !== 0x0d) continue;
    if (index < bytes.length || index > start) spans.push({ line, start, end: index });
    if (code === 0x0d && bytes[index + 1] === 0x0a) index++;
    start = index + 1;
    line++;
  }
  return spans;
}

function lineAt(spans: LineSpan[], offset: number): number {
  for (const span of spans) if (offset <= span.end) return span.line;
  return spans.length === 0 ? 1 : spans[spans.length - 1].line + 1;
}

function pointInLine(rng: Lcg, span: LineSpan): number {
  return span.start + rng.int(span.end - span.start + 1);
}

function offsetsWhere(bytes: Buffer, test: (byte: number) => boolean): number[] {
  const offsets: number[] = [];
  for (let index = 0; index < bytes.length; index++) if (test(bytes[index])) offsets.push(index);
  return offsets;
}

/** Offsets strictly inside a `"…"` quoted span. */
function offsetsInQuotes(bytes: Buffer): number[] {
  const offsets: number[] = [];
  let open = -1;
  for (let index = 0; index < bytes.length; index++) {
    if (bytes[index] !== 0x22) continue;
    if (open < 0) open = index;
    else {
      for (let inside = open + 1; inside < index; inside++) offsets.push(inside);
      open = -1;
    }
  }
  return offsets;
}

function sampleOf(rng: Lcg, offsets: number[], count: number): number[] {
  if (offsets.length === 0) return [];
  return distinct(Math.min(count, offsets.length), () => rng.pick(offsets));
}

function distinct(count: number, draw: () => number): number[] {
  const seen = new Set<number>();
  for (let tries = 0; seen.size < count && tries < count * 20; tries++) seen.add(draw());
  return [...seen].sort((a, b) => a - b);
}

function splice(bytes: Buffer, at: number, remove: number, insert: Buffer): Buffer {
  return Buffer.concat([bytes.subarray(0, at), insert, bytes.subarray(at + remove)]);
}

// ---------------------------------------------------------------------------------------------
// ZIP archives

export const ZIP_MUTATIONS = ['truncate', 'local-header', 'central-directory', 'end-record', 'crc', 'data'] as const;
export type ZipMutation = (typeof ZIP_MUTATIONS)[number];

export interface ZipVariantOptions {
  seed: number;
  /** Variants of each kind (default 4). */
  perKind?: number;
  kinds?: readonly ZipMutation[];
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_RECORD = 0x06054b50;

/**
 * Damaged copies of a ZIP: cut at offsets (in a local header, in the central directory, in the
 * end record, anywhere), a byte flipped inside a local header / central directory entry / end
 * record / entry data, or an entry's CRC-32 changed in both its headers (the data then disagree).
 */
export function zipVariants(zip: Buffer, options: ZipVariantOptions): HostileVariant<ZipMutation>[] {
  const rng = new Lcg(options.seed);
  const perKind = options.perKind ?? 4;
  const kinds = new Set(options.kinds ?? ZIP_MUTATIONS);
  const layout = zipLayout(zip);
  const variants: HostileVariant<ZipMutation>[] = [];
  const add = (kind: ZipMutation, name: string, bytes: Buffer, offset: number) => variants.push({ name: `${kind}@${name}`, kind, bytes, offset });
  const flip = (at: number) => {
    const copy = Buffer.from(zip);
    copy[at] ^= 1 << rng.int(8) || 0xff;
    return copy;
  };

  if (kinds.has('truncate')) {
    const structural = [
      rng.pick(layout.locals).start + rng.int(30),
      layout.centralStart + rng.int(Math.max(1, layout.endStart - layout.centralStart)),
      layout.endStart + rng.int(22),
    ];
    const offsets = new Set([...structural, ...Array.from({ length: perKind }, () => 1 + rng.int(zip.length - 1))]);
    for (const offset of [...offsets].sort((a, b) => a - b)) add('truncate', String(offset), zip.subarray(0, offset), offset);
  }
  if (kinds.has('local-header')) {
    for (let index = 0; index < perKind; index++) {
      const local = rng.pick(layout.locals);
      const at = local.start + rng.int(local.headerLength);
      add('local-header', `${at}-${index}`, flip(at), at);
    }
  }
  if (kinds.has('central-directory')) {
    for (let index = 0; index < perKind; index++) {
      const central = rng.pick(layout.centrals);
      const at = central.start + rng.int(central.headerLength);
      add('central-directory', `${at}-${index}`, flip(at), at);
    }
  }
  if (kinds.has('end-record')) {
    for (let index = 0; index < Math.min(perKind, 22); index++) {
      const at = layout.endStart + rng.int(22);
      add('end-record', `${at}-${index}`, flip(at), at);
    }
  }
  if (kinds.has('crc')) {
    const withData = layout.centrals.filter((central) => central.compressedSize > 0);
    for (let index = 0; index < Math.min(perKind, withData.length); index++) {
      const central = withData[index];
      const copy = Buffer.from(zip);
      const wrong = (copy.readUInt32LE(central.start + 16) ^ (1 + rng.int(0xffff))) >>> 0;
      copy.writeUInt32LE(wrong, central.start + 16);
      copy.writeUInt32LE(wrong, central.localStart + 14);
      add('crc', `${central.name}`, copy, central.start + 16);
    }
  }
  if (kinds.has('data')) {
    const withData = layout.locals.filter((local) => local.dataLength > 0);
    for (let index = 0; index < Math.min(perKind, withData.length * 2); index++) {
      const local = rng.pick(withData);
      const at = local.start + local.headerLength + rng.int(local.dataLength);
      add('data', `${at}-${index}`, flip(at), at);
    }
  }
  return variants;
}

interface LocalEntry {
  start: number;
  /** Fixed header, name and extra field. */
  headerLength: number;
  dataLength: number;
}

interface CentralEntry {
  start: number;
  headerLength: number;
  localStart: number;
  compressedSize: number;
  name: string;
}

interface ZipLayout {
  locals: LocalEntry[];
  centrals: CentralEntry[];
  centralStart: number;
  endStart: number;
}

/** Where the records of a (non-ZIP64, comment-less or not) archive sit, from its end record. */
export function zipLayout(zip: Buffer): ZipLayout {
  let endStart = -1;
  for (let at = zip.length - 22; at >= 0; at--) {
    if (zip.readUInt32LE(at) === END_RECORD) {
      endStart = at;
      break;
    }
  }
  if (endStart < 0) throw new Error('zipLayout: no end of central directory record');
  const count = zip.readUInt16LE(endStart + 10);
  const centralStart = zip.readUInt32LE(endStart + 16);
  const centrals: CentralEntry[] = [];
  const locals: LocalEntry[] = [];
  let at = centralStart;
  for (let index = 0; index < count; index++) {
    if (zip.readUInt32LE(at) !== CENTRAL_HEADER) throw new Error(`zipLayout: no central directory entry at ${at}`);
    const nameLength = zip.readUInt16LE(at + 28);
    const headerLength = 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const localStart = zip.readUInt32LE(at + 42);
    const compressedSize = zip.readUInt32LE(at + 20);
    centrals.push({ start: at, headerLength, localStart, compressedSize, name: zip.subarray(at + 46, at + 46 + nameLength).toString('utf8') });
    if (zip.readUInt32LE(localStart) !== LOCAL_HEADER) throw new Error(`zipLayout: no local header at ${localStart}`);
    const localHeaderLength = 30 + zip.readUInt16LE(localStart + 26) + zip.readUInt16LE(localStart + 28);
    locals.push({ start: localStart, headerLength: localHeaderLength, dataLength: compressedSize });
    at += headerLength;
  }
  return { locals, centrals, centralStart, endStart };
}

// ---------------------------------------------------------------------------------------------
// JSON documents

export const JSON_MUTATIONS = ['non-finite', 'wrong-type', 'deep', 'deep-unclosed', 'huge-string', 'missing', 'truncate'] as const;
export type JsonMutation = (typeof JSON_MUTATIONS)[number];

export interface JsonVariantOptions {
  seed: number;
  /** Variants of each kind (default 4). */
  perKind?: number;
  kinds?: readonly JsonMutation[];
  /** Levels of `[` of the `deep` kinds (default 100 000). */
  depth?: number;
  /** Characters of a `huge-string` (default 4 MiB). */
  hugeStringLength?: number;
  /** Only nodes under these top-level keys are changed (default: any node). */
  under?: readonly string[];
}

export interface JsonVariant extends HostileVariant<JsonMutation> {
  /** The changed node, as keys from the root (`["site", "Location", "Street1"]`). */
  path: (string | number)[];
  text: string;
}

/**
 * Malformed versions of a JSON document: a node replaced by a bare NaN / Infinity / -Infinity
 * token, by a value of another type, by 100 000 levels of `[` (closed or not), by an enormous
 * string; a member removed; the text cut short.
 */
export function jsonVariants(value: unknown, options: JsonVariantOptions): JsonVariant[] {
  const rng = new Lcg(options.seed);
  const perKind = options.perKind ?? 4;
  const kinds = new Set(options.kinds ?? JSON_MUTATIONS);
  const depth = options.depth ?? 100_000;
  const under = options.under ? new Set(options.under) : null;
  const nodes = jsonPaths(value).filter((path) => path.length > 0 && (!under || under.has(String(path[0]))));
  if (nodes.length === 0) throw new Error('jsonVariants: the document has no node to change');
  const members = nodes.filter((path) => typeof path[path.length - 1] === 'string');
  const variants: JsonVariant[] = [];
  const add = (kind: JsonMutation, path: (string | number)[], text: string, index: number) =>
    variants.push({ name: `${kind}@${path.join('.') || 'root'}-${index}`, kind, path, text, bytes: Buffer.from(text, 'utf8') });

  const replaced = (path: (string | number)[], raw: string) => withRaw(value, path, raw);
  for (let index = 0; index < perKind; index++) {
    if (kinds.has('non-finite')) {
      const path = rng.pick(nodes);
      add('non-finite', path, replaced(path, ['NaN', 'Infinity', '-Infinity'][index % 3]), index);
    }
    if (kinds.has('wrong-type')) {
      const path = rng.pick(nodes);
      add('wrong-type', path, replaced(path, JSON.stringify(otherType(at(value, path), rng))), index);
    }
    if (kinds.has('huge-string')) {
      const path = rng.pick(nodes);
      add('huge-string', path, replaced(path, JSON.stringify('h'.repeat(options.hugeStringLength ?? 4 * 1024 * 1024))), index);
    }
    if (kinds.has('missing') && members.length > 0) {
      const path = rng.pick(members);
      add('missing', path, withRaw(value, path, undefined), index);
    }
    if (kinds.has('truncate')) {
      const text = JSON.stringify(value);
      const cut = 1 + rng.int(text.length - 1);
      add('truncate', [cut], text.slice(0, cut), index);
    }
  }
  if (kinds.has('deep')) {
    const path = rng.pick(nodes);
    add('deep', path, replaced(path, '['.repeat(depth) + ']'.repeat(depth)), 0);
  }
  if (kinds.has('deep-unclosed')) {
    const path = rng.pick(nodes);
    add('deep-unclosed', path, replaced(path, '['.repeat(depth)), 0);
  }
  return variants;
}

/** Every node's path, root first, in document order. */
export function jsonPaths(value: unknown, path: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(path);
  if (Array.isArray(value)) value.forEach((item, index) => jsonPaths(item, [...path, index], out));
  else if (value !== null && typeof value === 'object') for (const [key, item] of Object.entries(value)) jsonPaths(item, [...path, key], out);
  return out;
}

function at(value: unknown, path: (string | number)[]): unknown {
  let node = value;
  for (const key of path) node = (node as Record<string | number, unknown>)[key];
  return node;
}

function otherType(current: unknown, rng: Lcg): unknown {
  const choices: unknown[] = ['text', 12.5, -7, true, false, null, [1, 'two'], { unexpected: 'object' }];
  const different = choices.filter((choice) => typeOf(choice) !== typeOf(current));
  return rng.pick(different);
}

function typeOf(value: unknown): string {
  if (value instanceof Date) return 'date';
  if (Buffer.isBuffer(value)) return 'buffer';
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

/** The document serialized with the node at `path` written as `raw` (removed when undefined). */
function withRaw(value: unknown, path: (string | number)[], raw: string | undefined): string {
  const marker = '@@hostile-node@@';
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let parent: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (raw === undefined) {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
    return JSON.stringify(copy);
  }
  parent[last] = marker;
  return JSON.stringify(copy).replace(JSON.stringify(marker), () => raw);
}

// ---------------------------------------------------------------------------------------------
// Database rows

export const ROW_MUTATIONS = ['wrong-type', 'null', 'all-null', 'huge-text', 'bad-date'] as const;
export type RowMutation = (typeof ROW_MUTATIONS)[number];

export interface RowVariantOptions {
  seed: number;
  /** Variants of each kind (default 4; `all-null` is made once). */
  perKind?: number;
  kinds?: readonly RowMutation[];
  /** Columns holding dates (the `bad-date` kind changes one of them). */
  dateKeys: readonly string[];
  /** Characters of a `huge-text` value (default 1 MiB); it holds commas, quotes and line breaks. */
  hugeTextLength?: number;
}

export interface RowVariant {
  name: string;
  kind: RowMutation;
  /** The changed column (none for `all-null`). */
  key?: string;
  row: Record<string, unknown>;
}

/** Values of every type a driver might hand over, for `wrong-type`. */
const ANY_TYPE: readonly unknown[] = ['text', '12.5', 12.5, -7, true, Number.NaN, Number.POSITIVE_INFINITY, { unexpected: 'object' }, [1, 'two'], Buffer.from('bytes'), 10n ** 20n, new Date(0)];

/** Dates no wall clock can be read from, for `bad-date`. */
const BAD_DATES: readonly unknown[] = [new Date(Number.NaN), new Date(8.64e15), new Date(-8.64e15), new Date(Date.UTC(-1, 0, 1)), '2019-13-45 99:99:99', 'yesterday', 0, ''];

/**
 * Rows as a database driver might hand them over when the data are not what the schema says: one
 * column of another type, one column NULL, every column NULL, a megabyte of text, a bad date.
 */
export function rowVariants(row: Record<string, unknown>, options: RowVariantOptions): RowVariant[] {
  const rng = new Lcg(options.seed);
  const perKind = options.perKind ?? 4;
  const kinds = new Set(options.kinds ?? ROW_MUTATIONS);
  const keys = Object.keys(row);
  const variants: RowVariant[] = [];
  const add = (kind: RowMutation, key: string | undefined, changed: Record<string, unknown>, index: number) =>
    variants.push({ name: `${kind}@${key ?? 'row'}-${index}`, kind, key, row: changed });
  for (let index = 0; index < perKind; index++) {
    if (kinds.has('wrong-type')) {
      const key = rng.pick(keys);
      add('wrong-type', key, { ...row, [key]: rng.pick(ANY_TYPE.filter((value) => typeOf(value) !== typeOf(row[key]))) }, index);
    }
    if (kinds.has('null')) {
      const key = rng.pick(keys);
      add('null', key, { ...row, [key]: null }, index);
    }
    if (kinds.has('huge-text')) {
      const key = rng.pick(keys);
      const length = options.hugeTextLength ?? 1024 * 1024;
      let text = '';
      while (text.length < length) text += rng.pick(['lorem ipsum ', 'a,b ', '"q" ', '\r\n', 'ü€ ']);
      text = text.slice(0, length);
      add('huge-text', key, { ...row, [key]: text }, index);
    }
    if (kinds.has('bad-date') && options.dateKeys.length > 0) {
      const key = rng.pick(options.dateKeys);
      add('bad-date', key, { ...row, [key]: BAD_DATES[index % BAD_DATES.length] }, index);
    }
  }
  if (kinds.has('all-null')) add('all-null', undefined, Object.fromEntries(keys.map((key) => [key, null])), 0);
  return variants;
}

// ---------------------------------------------------------------------------------------------
// Memory

/**
 * Peak resident set size of this process so far, in bytes (VmHWM of /proc/self/status; Linux).
 * A child process reports it at its end, so a test bounds the memory a reader needed.
 */
export function peakRssBytes(): number {
  const status = fs.readFileSync('/proc/self/status', 'utf8');
  const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(status);
  if (!match) throw new Error('peakRssBytes: /proc/self/status has no VmHWM line');
  return Number(match[1]) * 1024;
}
