// KITS database → raw repository (wavetronix.md §1): one CSV per day with radar counts, written
// exactly as the original wrote it. With `--sourcedir` the day CSVs exported earlier are imported
// from a folder instead (backfills, or hosts without database access).
import path from 'node:path';
import {
  DaysProvider,
  FileProvider,
  Stage,
  type DateRange,
  type FilePattern,
  type KeyMode,
  type Provider,
  type ProviderItem,
  type StageContext,
  type WorkItem,
} from '@lake/core';
import { readDatabaseSettings } from '../database/database-settings';
import { KitsDatabase } from '../database/kits-database';
import type { SqlConnector } from '../database/sql-client';
import { RawCsvWriter } from '../formats/raw-csv';
import { RAW_EXT } from '../formats/wavetronix-columns';

/** Where a day's CSV comes from. */
export type DaySource = { kind: 'database'; day: Date } | { kind: 'file'; path: string };

export interface WavetronixInsertOptions {
  /** Opens the database (default: a real `mssql.ConnectionPool`); tests hand in a double. */
  connect?: SqlConnector;
}

export class WavetronixInsert extends Stage<DaySource> {
  readonly name = 'wt:insert';
  readonly description = 'Store each day of Wavetronix radar counts from the KITS SQL Server database (or a folder of day CSVs) in the raw repository';
  readonly dataSource = 'wt';
  readonly to = 'raw';
  readonly perfmetStage = 'Ingest';
  // One file per day: the day is done when the raw repository has it (wavetronix.md §1.3).
  override readonly keyMode: KeyMode = 'base';
  override readonly options = [
    {
      name: 'sourcedir',
      char: 'd',
      kind: 'string' as const,
      description: 'import day CSVs exported earlier (Austin_YYYY-MM-DD.csv or Austin_wt_YYYY-MM-DD.csv) from this folder instead of the database',
    },
  ];
  // One stage object may serve several runs; each run opens (and closes) its own connection.
  private readonly databases = new WeakMap<StageContext, KitsDatabase>();

  constructor(private readonly tuning: WavetronixInsertOptions = {}) {
    super();
  }

  override sourceProvider(ctx: StageContext): Provider<DaySource> {
    const sourcedir = ctx.option<string>('sourcedir');
    if (sourcedir) return exportedDayFiles(ctx, sourcedir);
    const database = this.database(ctx);
    const days = new DaysProvider({ days: (range) => database.listDays(range), base: ctx.lake.areaBase, ext: RAW_EXT, time: ctx.time });
    return mapPayload(days, (day) => ({ kind: 'database', day }));
  }

  async processItem(item: WorkItem<DaySource>, ctx: StageContext): Promise<number> {
    const target = await ctx.target();
    const id = { base: item.base, ext: RAW_EXT, date: item.date, processingDate: ctx.state.processingDate };
    const destination = `${target.repository}:${target.key(item.base, RAW_EXT, item.date)}`;
    const source = item.source.payload;
    ctx.log.info(`${item.label} -> ${destination}`);
    if (source.kind === 'file') {
      await target.writeFile(source.path, id);
    } else {
      const writer = new RawCsvWriter();
      await target.write(await this.database(ctx).dayCsv(source.day, writer), id);
      const emptied = writer.summary();
      if (emptied) ctx.log.warn(`${item.label}: ${emptied} (NULL in the database; written as empty fields)`);
    }
    ctx.perfmet.recordCollect(item.date);
    return 1;
  }

  override async afterItems(ctx: StageContext): Promise<void> {
    const database = this.databases.get(ctx);
    this.databases.delete(ctx);
    await database?.close();
  }

  private database(ctx: StageContext): KitsDatabase {
    let database = this.databases.get(ctx);
    if (!database) {
      database = new KitsDatabase(readDatabaseSettings(ctx.option('database')), { time: ctx.time, connect: this.tuning.connect });
      this.databases.set(ctx, database);
    }
    return database;
  }
}

/**
 * Day CSVs in a folder, named as the ingest's temp file (`Austin_2020-09-13.csv`) or as the lake
 * names them (`Austin_wt_2020-09-13.csv`). When a day has both, the lake name wins.
 */
function exportedDayFiles(ctx: StageContext, directory: string): Provider<DaySource> {
  const areaBase = ctx.lake.areaBase;
  const patterns: FilePattern[] = [
    { prefix: `${areaBase}_wt_`, dateFormat: '%Y-%m-%d', postfix: '.csv' },
    { prefix: `${areaBase}_`, dateFormat: '%Y-%m-%d', postfix: '.csv' },
  ];
  const files = new FileProvider({ directory, patterns, identify: () => ({ base: areaBase, ext: RAW_EXT }), time: ctx.time, log: ctx.log });
  return {
    async *items(range: DateRange): AsyncIterable<ProviderItem<DaySource>> {
      let previous: ProviderItem | null = null;
      for await (const item of files.items(range)) {
        if (previous && previous.date.getTime() === item.date.getTime()) {
          ctx.log.warn(`${path.basename(item.label)} ignored: ${path.basename(previous.label)} holds the same day`);
          continue;
        }
        previous = item;
        yield { ...item, payload: { kind: 'file', path: item.label } };
      }
    },
  };
}

function mapPayload<From, To>(provider: Provider<From>, map: (payload: From) => To): Provider<To> {
  return {
    async *items(range: DateRange): AsyncIterable<ProviderItem<To>> {
      for await (const item of provider.items(range)) yield { ...item, payload: map(item.payload) };
    },
  };
}
