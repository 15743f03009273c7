// `lake catalog export`: the catalog and the perfmet tables as JSON lines (catalog-export-format.ts),
// written row by row as the drivers page through them, so memory stays flat however big the lake.
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { dataSourceName } from '../perfmet/data-source-names';
import { CatalogFileUnavailable, EXPORT_TABLES, catalogLine, exportHeader, perfmetJobLine, perfmetObservationLine, type ExportTable } from './catalog-export-format';
import type { Lake } from './lake';

export interface CatalogExportOptions {
  /** Data source code (bt); perfmet rows are matched on its display name (Bluetooth). */
  dataSource?: string;
  /** Catalog rows of this repository only; perfmet rows have no repository and are not limited. */
  repository?: string;
  /** Default: all three. */
  tables?: ExportTable[];
}

/** Lines written per table. */
export type CatalogExportCounts = Record<ExportTable, number>;

/**
 * An overlap window holding every row a lake can have. Not year 1: the zone's local mean time
 * before 1883 and a year 0 one day earlier trip up the PostgREST filters.
 */
export const ALL_CATALOG_TIME = { start: new Date('1900-01-01T00:00:00Z'), end: new Date('9999-12-31T00:00:00Z') };

/** Writes the header and every selected row to `output` (left open), one line each. */
export async function exportCatalog(lake: Lake, output: Writable, options: CatalogExportOptions = {}): Promise<CatalogExportCounts> {
  const tables = options.tables?.length ? EXPORT_TABLES.filter((table) => options.tables?.includes(table)) : [...EXPORT_TABLES];
  const counts: CatalogExportCounts = { catalog: 0, perfmet_job: 0, perfmet_obs: 0 };
  const writeLine = async (value: unknown) => {
    // A write that failed while we were not waiting for 'drain' has no one listening for its error.
    if (output.errored) throw output.errored;
    if (!output.write(`${JSON.stringify(value)}\n`)) await once(output, 'drain');
  };

  await writeLine(exportHeader(lake.time, tables, options));
  if (tables.includes('catalog')) {
    const catalog = await lake.catalog();
    for await (const entry of catalog.overlaps({ ...ALL_CATALOG_TIME, repository: options.repository ?? null, dataSource: options.dataSource ?? null })) {
      await writeLine(catalogLine(entry));
      counts.catalog++;
    }
  }
  const perfmetSource = options.dataSource ? dataSourceName(options.dataSource) : undefined;
  if (tables.includes('perfmet_job')) {
    const perfmet = await lake.perfmetDriver();
    for await (const job of perfmet.readJobs({ dataSource: perfmetSource })) {
      await writeLine(perfmetJobLine(job));
      counts.perfmet_job++;
    }
  }
  if (tables.includes('perfmet_obs')) {
    const perfmet = await lake.perfmetDriver();
    for await (const observation of perfmet.readObservations({ dataSource: perfmetSource })) {
      await writeLine(perfmetObservationLine(observation, lake.time));
      counts.perfmet_obs++;
    }
  }
  return counts;
}

/**
 * Exports into a file. The lines go to a temp file beside it, renamed into place once complete,
 * so a failed export never leaves a truncated file that looks like a backup.
 */
export async function exportCatalogToFile(lake: Lake, file: string, options: CatalogExportOptions = {}): Promise<CatalogExportCounts> {
  const target = path.resolve(file);
  const temp = `${target}.${process.pid}.partial`;
  const output = fs.createWriteStream(temp, { flags: 'wx' });
  output.on('error', () => undefined); // seen through output.errored, 'drain' and finished()
  try {
    await once(output, 'open').catch((error: unknown) => {
      throw new CatalogFileUnavailable(file, error);
    });
    const counts = await exportCatalog(lake, output, options);
    output.end();
    await finished(output);
    await fs.promises.rename(temp, target);
    return counts;
  } catch (error) {
    output.destroy();
    await fs.promises.rm(temp, { force: true });
    throw error;
  }
}
