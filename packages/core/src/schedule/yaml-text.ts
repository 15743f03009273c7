// Just enough YAML to write Kubernetes manifests from plain data: block mappings and sequences,
// strings double-quoted unless they are unmistakably plain. Written by hand so @lake/core needs no
// YAML library at run time.

export type YamlValue = string | number | boolean | null | YamlValue[] | { [key: string]: YamlValue | undefined };

// Plain scalars that every YAML 1.1 and 1.2 reader takes as the same string: no leading digit
// (`01:30` is a base-60 number in YAML 1.1), no spaces, colons, `#` or quotes.
const PLAIN = /^[A-Za-z][A-Za-z0-9_./-]*$/;
// YAML 1.1 booleans and nulls that the pattern above would otherwise let through.
const RESERVED = /^(y|yes|n|no|true|false|on|off|null)$/i;

/** A YAML scalar for a string. */
export function yamlString(text: string): string {
  if (PLAIN.test(text) && !RESERVED.test(text)) return text;
  let quoted = '"';
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    if (char === '"') quoted += '\\"';
    else if (char === '\\') quoted += '\\\\';
    else if (char === '\n') quoted += '\\n';
    else if (char === '\t') quoted += '\\t';
    else if (char === '\r') quoted += '\\r';
    // C0/C1 controls, DEL, the byte-order mark and lone surrogates are not printable YAML.
    else if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0xfeff || (code >= 0xd800 && code <= 0xdfff)) {
      quoted += `\\u${code.toString(16).padStart(4, '0')}`;
    } else quoted += char;
  }
  return `${quoted}"`;
}

function scalar(value: string | number | boolean | null): string {
  if (typeof value === 'string') return yamlString(value);
  if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`cannot write ${value} as YAML`);
  return String(value);
}

const isEmpty = (value: YamlValue) => (Array.isArray(value) ? value.length === 0 : typeof value === 'object' && value !== null && Object.values(value).every((member) => member === undefined));

/** The lines of a block value at `indent` spaces; undefined members are left out. */
export function yamlLines(value: YamlValue, indent = 0): string[] {
  const pad = ' '.repeat(indent);
  if (Array.isArray(value)) {
    return value.flatMap((item) => {
      if (typeof item !== 'object' || item === null || isEmpty(item)) return [`${pad}- ${inline(item)}`];
      const [first, ...rest] = yamlLines(item, indent + 2);
      return [`${pad}- ${first.slice(indent + 2)}`, ...rest];
    });
  }
  if (typeof value !== 'object' || value === null) return [`${pad}${scalar(value)}`];
  return Object.entries(value).flatMap(([key, member]) => {
    if (member === undefined) return [];
    if (typeof member !== 'object' || member === null || isEmpty(member)) return [`${pad}${yamlString(key)}: ${inline(member)}`];
    return [`${pad}${yamlString(key)}:`, ...yamlLines(member, indent + 2)];
  });
}

function inline(value: YamlValue): string {
  if (Array.isArray(value)) return '[]';
  if (typeof value === 'object' && value !== null) return '{}';
  return scalar(value);
}

/** A `#` comment line per line of text (newlines in the text cannot end the comment early). */
export function yamlComments(lines: readonly string[]): string[] {
  return lines.map((line) => (line === '' ? '#' : `# ${line.replace(/[\r\n]+/g, ' ')}`));
}
