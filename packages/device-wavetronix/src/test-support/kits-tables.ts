// The two KITS tables in memory, answering the two queries wt:insert sends the way SQL Server
// would: the WHERE parameters filter CURDATETIME (a naive wall time: its UTC fields), the day
// list groups by calendar date, the records query joins detectors and sorts by time, intersection,
// detector.
import type { ExecutedQuery, QueryAnswer, QueryHandler } from './fake-mssql';

export interface HistoryRow {
  DETID: number;
  /** Wall clock `YYYY-MM-DD HH:MM:SS`. */
  CURDATETIME: string;
  VOLUME: number | null;
  OCCUPANCY: number | null;
  SPEED: number | null;
  STATUS: string | null;
  UPLOADSUCCESS: number | null;
  DETCOUNTCOMPARISON: number | null;
  DAILYCUMULATIVE: number | null;
}

export interface DetectorRow {
  DETID: number;
  INTID: number;
  INTNAME: string | null;
  DETNAME: string | null;
}

export function historyRow(detId: number, wall: string, volume: number | null = 10, extra: Partial<HistoryRow> = {}): HistoryRow {
  return { DETID: detId, CURDATETIME: wall, VOLUME: volume, OCCUPANCY: 2, SPEED: 35, STATUS: 'Working', UPLOADSUCCESS: 100, DETCOUNTCOMPARISON: 1, DAILYCUMULATIVE: volume, ...extra };
}

/** A Date whose UTC fields are the wall clock (what the driver returns with useUTC). */
export function wallAsDate(wall: string): Date {
  return new Date(`${wall.replace(' ', 'T')}Z`);
}

export function kitsTablesHandler(history: HistoryRow[], detectors: DetectorRow[]): QueryHandler {
  return (query: ExecutedQuery): QueryAnswer => {
    const rows = history.filter((row) => matchesDateFilter(row, query));
    if (query.text.includes('COUNT(1)')) {
      const days = new Map<string, number>();
      for (const row of rows) days.set(row.CURDATETIME.slice(0, 10), (days.get(row.CURDATETIME.slice(0, 10)) ?? 0) + 1);
      return { rows: [...days].sort().map(([day, records]) => ({ day: new Date(`${day}T00:00:00Z`), records })) };
    }
    if (query.text.includes('a.DETID = b.DETID')) {
      const joined = rows.flatMap((row) => detectors.filter((detector) => detector.DETID === row.DETID).map((detector) => ({ row, detector })));
      joined.sort((a, b) => compare(a.row.CURDATETIME, b.row.CURDATETIME) || compare(a.detector.INTNAME, b.detector.INTNAME) || compare(a.detector.DETNAME, b.detector.DETNAME));
      return {
        rows: joined.map(({ row, detector }) => ({
          detID: row.DETID,
          intID: detector.INTID,
          curDate: new Date(`${row.CURDATETIME.slice(0, 10)}T00:00:00Z`),
          curDateTime: wallAsDate(row.CURDATETIME),
          intName: detector.INTNAME,
          detName: detector.DETNAME,
          volume: row.VOLUME,
          occupancy: row.OCCUPANCY,
          speed: row.SPEED,
          status: row.STATUS,
          uploadSuccess: row.UPLOADSUCCESS,
          detCountComparison: row.DETCOUNTCOMPARISON,
          dailyCumulative: row.DAILYCUMULATIVE,
        })),
      };
    }
    throw new Error(`the KITS double does not know this query: ${query.text}`);
  };
}

function matchesDateFilter(row: HistoryRow, query: ExecutedQuery): boolean {
  const at = wallAsDate(row.CURDATETIME).getTime();
  const { day, early, late } = query.parameters;
  if (day && row.CURDATETIME.slice(0, 10) !== (day.value as Date).toISOString().slice(0, 10)) return false;
  if (early && at < (early.value as Date).getTime()) return false;
  if (late && at >= (late.value as Date).getTime()) return false;
  return true;
}

function compare(a: string | null, b: string | null): number {
  return (a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0;
}
