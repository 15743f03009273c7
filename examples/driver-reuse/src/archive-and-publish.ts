// What a small nightly job outside the CLI can do with lake's packages as libraries: store a
// day's counts file in S3 under the lake's naming, record it in a catalog, and publish its rows to
// a Socrata dataset — with core's Storage / Catalog / Publisher facades over the production
// drivers, and no oclif, no registry, no Lake.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Catalog, LakeTime, Publisher, SqliteCatalogDriver, Storage, silentLogger, type CatalogDriver, type DriverConfig, type Logger } from '@lake/core';
import { PostgresCatalogDriver } from '@lake/catalog-postgres';
import { SocrataPublishDriver, type SocrataPublishConfig } from '@lake/publish-socrata';
import { S3StorageDriver, type S3StorageOptions } from '@lake/storage-s3';
import { parseDailyCounts, publishRow } from './daily-counts';

export interface ArchiveAndPublishConfig {
  /** Day boundaries and timestamp text (default America/Chicago). */
  timeZone?: string;
  s3: S3StorageOptions;
  /** The embedded SQLite catalog in a file, or the `postgres` driver's settings. */
  catalog: { driver: 'sqlite'; file: string } | (DriverConfig & { driver: 'postgres' });
  socrata: SocrataPublishConfig;
  /** Repository (bucket) the file goes to, e.g. atd-datalake-ready. */
  repository: string;
  /** Data source code in the file name and the catalog, e.g. cc. */
  dataSource: string;
  /** Socrata dataset id (4x4) the rows go to; its row identifier is `row_id`. */
  dataset: string;
}

export interface ArchiveAndPublishResult {
  /** Key of the stored file, also its catalog pointer. */
  pointer: string;
  bytes: number;
  published: number;
  /** Catalog rows of this data source and day afterwards: [repository, pointer]. */
  catalogRows: [string, string][];
}

export async function archiveAndPublish(config: ArchiveAndPublishConfig, csvFile: string, day: string, log: Logger = silentLogger): Promise<ArchiveAndPublishResult> {
  const time = new LakeTime(config.timeZone ?? 'America/Chicago');
  const date = time.dayStart(day);
  const storageDriver = new S3StorageDriver(config.s3);
  const catalog = new Catalog(await openCatalogDriver(config.catalog, time, log), { time, log });
  const publishDriver = new SocrataPublishDriver(config.socrata, { log });
  const tempDir = mkdtempSync(path.join(os.tmpdir(), 'archive-and-publish-'));
  try {
    // Storage names the file (Counts_cc_2019-06-01.csv under 2019/06/01/cc/) and writes its
    // catalog row once the upload succeeded.
    const storage = new Storage({ driver: storageDriver, repository: config.repository, dataSource: config.dataSource, time, log, catalog, tempDir });
    const stored = await storage.writeFile(csvFile, { base: 'Counts', ext: 'csv', date });

    // The rows are read back from S3, so what is published is what was archived.
    const records = parseDailyCounts(await storage.readText(stored.pointer));
    const publisher = new Publisher({ driver: publishDriver, dataset: config.dataset, idColumn: 'row_id', log });
    for (const record of records) await publisher.add(publishRow(record, day));
    await publisher.close();
    // Only after Socrata accepted every row, as the lake's publish stages do.
    await catalog.upsert({ repository: 'socrata', dataSource: config.dataSource, base: 'Counts', ext: 'csv', collectionDate: date, processingDate: time.now(), pointer: config.dataset });

    const rows = [];
    for (const repository of [config.repository, 'socrata']) rows.push(...(await catalog.list({ repository, dataSource: config.dataSource, early: date, late: time.addDays(date, 1) })));
    return {
      pointer: stored.pointer,
      bytes: readFileSync(csvFile).length,
      published: publisher.rowsWritten,
      catalogRows: rows.map((row) => [row.repository, row.pointer]),
    };
  } finally {
    rmSync(tempDir, { recursive: true, force: true });
    await Promise.allSettled([storageDriver.close(), catalog.close(), publishDriver.close()]);
  }
}

async function openCatalogDriver(settings: ArchiveAndPublishConfig['catalog'], time: LakeTime, log: Logger): Promise<CatalogDriver> {
  if (settings.driver === 'sqlite') return SqliteCatalogDriver.open(String(settings.file), time);
  const driver = new PostgresCatalogDriver(settings, { time, log });
  await driver.createSchema();
  return driver;
}
