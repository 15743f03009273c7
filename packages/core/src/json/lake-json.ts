// JSON as the lake reads and writes it. The original system wrote bare NaN/Infinity tokens
// (invalid JSON); we read them as null and never write them.
import { InvalidLakeJson, MAX_JSON_DEPTH, offsetInText, syntaxProblem, tooDeep } from './invalid-lake-json';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;

/**
 * Parse lake JSON, accepting the original's bare `NaN`, `Infinity` and `-Infinity` as null.
 * Malformed text, or a value nested deeper than MAX_JSON_DEPTH, fails with InvalidLakeJson
 * naming `source` (a file, `repository/key`) and the byte where it went wrong.
 */
export function parseLakeJson(text: string, source = 'the text'): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    if (!/NaN|Infinity/.test(text)) throw new InvalidLakeJson(source, syntaxProblem(error), offsetInText(text, error));
    const replaced = replaceBareNonFinite(text);
    try {
      value = JSON.parse(replaced.text);
    } catch (replacedError) {
      throw new InvalidLakeJson(source, syntaxProblem(replacedError), replaced.originalOffset(offsetInText(replaced.text, replacedError)));
    }
  }
  // Only a text this long can hold a value this deep.
  if (text.length > 2 * MAX_JSON_DEPTH) {
    const deep = deepAt(text);
    if (deep >= 0) throw new InvalidLakeJson(source, tooDeep(), Buffer.byteLength(text.slice(0, deep), 'utf8'));
  }
  return value;
}

/**
 * Serialize for the lake: non-finite numbers become null. JSON.stringify already writes NaN and
 * ±Infinity as null (ECMA-262 SerializeJSONProperty), so no replacer is needed — and a replacer
 * would make every large write several times slower.
 */
export function stringifyLakeJson(value: unknown): string {
  return JSON.stringify(value);
}

/** Index just past the end of the string whose opening quote is at `index - 1`. */
function stringEnd(text: string, from: number): number {
  let index = from;
  for (;;) {
    const quote = text.indexOf('"', index);
    if (quote < 0) return text.length;
    let slashes = 0;
    for (let back = quote - 1; back >= index && text.charCodeAt(back) === BACKSLASH; back--) slashes++;
    index = quote + 1;
    if (slashes % 2 === 0) return index;
  }
}

/** Index of the bracket that goes past MAX_JSON_DEPTH, or -1. */
function deepAt(text: string): number {
  let depth = 0;
  for (let index = 0; index < text.length; ) {
    const code = text.charCodeAt(index++);
    if (code === QUOTE) index = stringEnd(text, index);
    else if (code === OPEN_ARRAY || code === OPEN_OBJECT) {
      if (++depth > MAX_JSON_DEPTH) return index - 1;
    } else if (code === CLOSE_ARRAY || code === CLOSE_OBJECT) depth--;
  }
  return -1;
}

/**
 * Replaces the tokens only outside strings, so a string that says "NaN" stays untouched. The text
 * is copied in slices between tokens: a character at a time, a 16 MB file took seconds and
 * gigabytes of intermediate strings.
 */
function replaceBareNonFinite(text: string): { text: string; originalOffset: (offset: number) => number } {
  const pieces: string[] = [];
  /** Where each replacement is: [offset in the new text, bytes the token had more than `null`]. */
  const shifts: [number, number][] = [];
  let copied = 0;
  let newLength = 0;
  for (let index = 0; index < text.length; ) {
    const code = text.charCodeAt(index);
    if (code === QUOTE) {
      index = stringEnd(text, index + 1);
      continue;
    }
    const token = code === 0x4e && text.startsWith('NaN', index) ? 3 : code === 0x49 && text.startsWith('Infinity', index) ? 8 : code === 0x2d && text.startsWith('-Infinity', index) ? 9 : 0;
    if (token === 0) {
      index++;
      continue;
    }
    const before = text.slice(copied, index);
    pieces.push(before, 'null');
    newLength += before.length + 4;
    shifts.push([newLength, token - 4]);
    index += token;
    copied = index;
  }
  pieces.push(text.slice(copied));
  const replaced = pieces.join('');
  return {
    text: replaced,
    // Tokens are ASCII, so characters and bytes shift alike.
    originalOffset: (offset) => {
      let shift = 0;
      for (const [at, more] of shifts) if (at <= offset) shift += more;
      return offset + shift;
    },
  };
}
