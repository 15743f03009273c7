// JSON as the lake reads and writes it. The original system wrote bare NaN/Infinity tokens
// (invalid JSON); we read them as null and never write them.

/** Parse lake JSON, accepting the original's bare `NaN`, `Infinity` and `-Infinity` as null. */
export function parseLakeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    if (!/NaN|Infinity/.test(text)) throw error;
    return JSON.parse(replaceBareNonFinite(text));
  }
}

/**
 * Serialize for the lake: non-finite numbers become null. JSON.stringify already writes NaN and
 * ±Infinity as null (ECMA-262 SerializeJSONProperty), so no replacer is needed — and a replacer
 * would make every large write several times slower.
 */
export function stringifyLakeJson(value: unknown): string {
  return JSON.stringify(value);
}

// Replaces the tokens only outside strings, so a string that says "NaN" stays untouched.
function replaceBareNonFinite(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      out += char;
      if (char === '\\') out += text[++i] ?? '';
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') {
      inString = true;
      out += char;
    } else if (text.startsWith('NaN', i)) {
      out += 'null';
      i += 2;
    } else if (text.startsWith('-Infinity', i)) {
      out += 'null';
      i += 8;
    } else if (text.startsWith('Infinity', i)) {
      out += 'null';
      i += 7;
    } else {
      out += char;
    }
  }
  return out;
}
