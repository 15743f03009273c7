// The KITS signal-system database as wt:insert sees it: the days that have radar counts, and one
// day's rows as CSV bytes. Rows are streamed from the driver with backpressure, so a day of any
// size passes through in pieces (W-13).
import { Readable } from 'node:stream';
import type { DateRange, LakeTime } from '@lake/core';
import { RAW_CSV_HEADER, RawCsvWriter } from '../formats/raw-csv';
import { KitsDatabaseUnavailable, KitsQueryFailed } from './database-errors';
import { databaseLabel, kitsTables, mssqlConfig, type KitsDatabaseSettings } from './database-settings';
import { dayOfDateValue, dayQuery, dayRecordsQuery, type SqlQuery } from './kits-query';
import { connectMssql, type SqlConnector, type SqlPool, type SqlRequest } from './sql-client';

/** CSV text is handed on in pieces of about this many characters. */
const PIECE_CHARS = 16 * 1024;

export interface KitsDatabaseOptions {
  time: LakeTime;
  /** Default: a real `mssql.ConnectionPool`. */
  connect?: SqlConnector;
}

export class KitsDatabase {
  /** `server:port/database`, for messages. */
  readonly label: string;
  private pool: Promise<SqlPool> | null = null;
  private readonly connect: SqlConnector;

  constructor(
    private readonly settings: KitsDatabaseSettings,
    private readonly options: KitsDatabaseOptions,
  ) {
    this.label = databaseLabel(settings);
    this.connect = options.connect ?? connectMssql;
  }

  /** Midnights of the days with rows in the range, ascending (days without rows are absent). */
  async listDays(range: DateRange): Promise<Date[]> {
    const { time } = this.options;
    const query = dayQuery(range.start, range.end, time, kitsTables(this.settings));
    const request = await this.request(query);
    let result;
    try {
      result = await request.query(query.text);
    } catch (error) {
      throw new KitsQueryFailed(this.label, 'listing the days with radar counts', error, this.settings.password);
    }
    const days: Date[] = [];
    for (const row of (result.recordset ?? []) as Record<string, unknown>[]) {
      const day = dayOfDateValue(row.day, time);
      if (day) days.push(day);
    }
    return days.sort((a, b) => a.getTime() - b.getTime());
  }

  /**
   * A day's rows as the raw CSV (header first), streamed; `writer` converts the rows and counts
   * the values it had to leave empty. The stream fails with KitsQueryFailed when the query does.
   */
  async dayCsv(day: Date, writer: RawCsvWriter = new RawCsvWriter()): Promise<Readable> {
    const query = dayRecordsQuery(day, this.options.time, kitsTables(this.settings));
    const request = await this.request(query);
    request.stream = true;
    const what = `reading the radar counts of ${this.options.time.calendarDate(day)}`;
    let settled = false;
    let piece = RAW_CSV_HEADER;
    const readable = new Readable({
      read: () => {
        request.resume();
      },
      destroy: (error, callback) => {
        // A reader that gave up (a failed upload) must not leave the query holding its connection.
        if (!settled) {
          settled = true;
          request.cancel();
          request.resume();
        }
        callback(error);
      },
    });
    // The query may fail before anyone reads: the error then waits in the stream (`errored`),
    // where the reader's pipeline finds it, instead of being thrown as an unhandled event.
    readable.on('error', () => undefined);
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      readable.destroy(new KitsQueryFailed(this.label, what, error, this.settings.password));
    };
    request.on('row', (row) => {
      if (settled) return;
      piece += writer.line(row);
      if (piece.length < PIECE_CHARS) return;
      const more = readable.push(piece);
      piece = '';
      if (!more) request.pause();
    });
    request.on('error', fail);
    request.on('done', () => {
      if (settled) return;
      settled = true;
      readable.push(piece);
      readable.push(null);
    });
    request.query(query.text).catch(fail);
    return readable;
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = null;
    if (pool) await (await pool.catch(() => null))?.close();
  }

  private async request(query: SqlQuery): Promise<SqlRequest> {
    const pool = await this.connected();
    try {
      const request = pool.request();
      for (const parameter of query.parameters) request.input(parameter.name, parameter.type, parameter.value);
      return request;
    } catch (error) {
      // e.g. the pool lost its connection since the last day
      throw new KitsQueryFailed(this.label, 'starting a query', error, this.settings.password);
    }
  }

  private connected(): Promise<SqlPool> {
    this.pool ??= this.connect(mssqlConfig(this.settings)).catch((error: unknown) => {
      throw new KitsDatabaseUnavailable(this.label, error, this.settings.password);
    });
    return this.pool;
  }
}
