// What an embedded lake holds, in a form two lakes can be compared by: every file under LAKE_HOME
// (content hash), every catalog row, every perfmet observation and every published CSV row.
// Only what a run stamps with its own clock is left out: `processing_date` (file headers, catalog
// rows, and the file headers unit-data rows carry as metadata) and the perfmet job rows (one per
// run, by design). A leftover temp file or an extra row shows up as a difference.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { openLakeDatabase } from '@lake/core';

export interface LakeState {
  /** Path under LAKE_HOME → sha1 of the content (JSON with its processing dates blanked). */
  files: Record<string, string>;
  /** Catalog rows without processing_date, as JSON text, sorted. */
  catalog: string[];
  /** Perfmet observation rows as JSON text, sorted. */
  observations: string[];
  /** Published CSV file → its header, then its data rows sorted (a rerun may reorder rows). */
  published: Record<string, string[]>;
}

/** The catalog database and the embedded publisher's folder are compared as rows, not bytes. */
const NOT_FILES = /^(lake\.sqlite.*|publish)$/;

export function lakeState(home: string): LakeState {
  const files: Record<string, string> = {};
  for (const name of readdirSync(home, { recursive: true }) as string[]) {
    if (NOT_FILES.test(name.split(path.sep)[0])) continue;
    const file = path.join(home, name);
    if (!statSync(file).isFile()) continue;
    const bytes = readFileSync(file);
    const content = name.endsWith('.json') ? Buffer.from(blankProcessingDate(bytes.toString('utf8'))) : bytes;
    files[name] = createHash('sha1').update(content).digest('hex');
  }

  const database = openLakeDatabase(path.join(home, 'lake.sqlite'));
  let catalog: string[];
  let observations: string[];
  try {
    catalog = database
      .prepare('SELECT repository, data_source, id_base, id_ext, pointer, collection_date, collection_end, metadata FROM data_lake_catalog')
      .all()
      .map((row) => JSON.stringify({ ...(row as object), metadata: blankProcessingDate((row as { metadata: unknown }).metadata) }))
      .sort();
    observations = database
      .prepare('SELECT * FROM etl_perfmet_obs')
      .all()
      .map((row) => JSON.stringify(row))
      .sort();
  } finally {
    database.close();
  }

  return { files, catalog, observations, published: publishedRows(home) };
}

/** The embedded publisher's datasets: CSV file → its header, then its data rows sorted. */
export function publishedRows(home: string): Record<string, string[]> {
  const published: Record<string, string[]> = {};
  const publishFolder = path.join(home, 'publish');
  if (existsSync(publishFolder)) {
    for (const name of readdirSync(publishFolder).sort()) {
      const [header, ...rows] = readFileSync(path.join(publishFolder, name), 'utf8').split('\r\n');
      published[name] = [header, ...rows.sort()];
    }
  }
  return published;
}

/** Data rows in every dataset of `publishedRows` (the empty piece after the last line end not counted). */
export function countPublishedRows(published: Record<string, string[]>): number {
  return Object.values(published).reduce((sum, [, ...rows]) => sum + rows.filter((row) => row !== '').length, 0);
}

/** Catalog rows of `lakeState` that belong to one repository. */
export function catalogRowsOf(state: LakeState, repository: string): string[] {
  return state.catalog.filter((row) => (JSON.parse(row) as { repository: string }).repository === repository);
}

/** JSON text with every `processing_date` value blanked (files, and unit-data catalog rows' metadata, which is the file's header). */
function blankProcessingDate<T>(text: T): T {
  return (typeof text === 'string' ? text.replace(/"processing_date":"[^"]*"/g, '"processing_date":""') : text) as T;
}

/** Copies a lake (no process may be using it) to `to`, which must not exist yet. */
export function copyLake(from: string, to: string): void {
  cpSync(from, to, { recursive: true, errorOnExist: true, force: false });
}
