// Looking for secrets wherever the lake may have written them. Each secret is searched for as
// it is and as the encodings it travels in or could be printed in: base64 (alone, and as the
// `user:password` of an HTTP Basic header), base64url, URL-encoded (component and form style) and
// JSON-escaped. The secrets themselves carry characters that every one of those encodings
// changes (`/+=@:%!"\`), so an encoded copy cannot hide behind the plain one.
import { randomBytes } from 'node:crypto';
import { existsSync, lstatSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** `<label>-<24 hex>/+=@:%!"\`: random, and changed by every encoding looked for. */
export function awkwardSecret(label: string): string {
  return `${label}-${randomBytes(12).toString('hex')}/+=@:%!"\\`;
}

/** Name of a secret → its value. */
export type Secrets = Record<string, string>;

/** Every form of every secret: `NAME (form)` → the text to look for. */
export function secretForms(secrets: Secrets, basicUsers: Record<string, string> = {}): Record<string, string> {
  const forms: Record<string, string> = {};
  for (const [name, value] of Object.entries(secrets)) {
    forms[name] = value;
    const encoded: Record<string, string> = {
      base64: Buffer.from(value).toString('base64'),
      base64url: Buffer.from(value).toString('base64url'),
      'URL-encoded': encodeURIComponent(value),
      'form-encoded': new URLSearchParams({ x: value }).toString().slice(2),
      JSON: JSON.stringify(value).slice(1, -1),
    };
    const user = basicUsers[name];
    if (user !== undefined) encoded[`Basic ${user}:…`] = Buffer.from(`${user}:${value}`).toString('base64');
    // An encoding that leaves the value as it is would only report the plain finding twice.
    for (const [form, text] of Object.entries(encoded)) if (text !== value) forms[`${name} (${form})`] = text;
  }
  return forms;
}

/** Every string inside a parsed JSON document, joined: what a reader of the document sees. */
export function stringsOf(document: unknown): string {
  if (typeof document === 'string') return document;
  if (Array.isArray(document)) return document.map(stringsOf).join('\n');
  if (document && typeof document === 'object') return Object.entries(document).map(([key, value]) => `${key}\n${stringsOf(value)}`).join('\n');
  return String(document);
}

/** The forms found in `text`. */
export function formsIn(text: string | Buffer, forms: Record<string, string>): string[] {
  const haystack = typeof text === 'string' ? text : text.toString('latin1');
  return Object.entries(forms)
    .filter(([, form]) => haystack.includes(typeof text === 'string' ? form : Buffer.from(form).toString('latin1')))
    .map(([name]) => name);
}

/** Every file under `dir` (hidden ones included) whose bytes hold a form: `file` → forms. */
export function leaksInFiles(dir: string, forms: Record<string, string>, skip: (file: string) => boolean = () => false): Record<string, string[]> {
  const found: Record<string, string[]> = {};
  if (!existsSync(dir)) return found;
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const file = path.join(dir, name);
    if (skip(file) || !lstatSync(file).isFile()) continue;
    const leaks = formsIn(readFileSync(file), forms);
    if (leaks.length > 0) found[path.relative(dir, file)] = leaks;
  }
  return found;
}

/** How many files `leaksInFiles` would look at. */
export function filesUnder(dir: string, skip: (file: string) => boolean = () => false): number {
  if (!existsSync(dir)) return 0;
  return (readdirSync(dir, { recursive: true }) as string[]).filter((name) => !skip(path.join(dir, name)) && lstatSync(path.join(dir, name)).isFile()).length;
}
