// The version plugins check their coreRange against: read from this package's own package.json
// (one level above both src/ and dist/), so a release bump needs no code change.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const CORE_VERSION: string = (JSON.parse(readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as { version: string }).version;
