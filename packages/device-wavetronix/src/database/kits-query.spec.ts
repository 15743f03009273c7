import * as mssql from 'mssql';
import { LakeTime } from '@lake/core';
import { dateFilter, dayOfDateValue, dayQuery, dayRecordsQuery } from './kits-query';

const time = new LakeTime('America/Chicago');
const day = (text: string) => time.dayStart(text);
const utc = (text: string) => new Date(`${text}Z`);

describe('the KITS queries', () => {
  it('filter CURDATETIME by Central wall-clock parameters, for each combination of bounds', () => {
    // Across the spring-forward change: both midnights are wall clock 00:00:00.
    expect(dateFilter(day('2020-03-08'), day('2020-03-09'), time)).toEqual({
      text: 'CURDATETIME >= @early AND CURDATETIME < @late',
      parameters: [
        { name: 'early', type: mssql.DateTime, value: utc('2020-03-08T00:00:00') },
        { name: 'late', type: mssql.DateTime, value: utc('2020-03-09T00:00:00') },
      ],
    });
    expect(dateFilter(day('2020-11-01'), null, time)).toEqual({ text: 'CURDATETIME >= @early', parameters: [{ name: 'early', type: mssql.DateTime, value: utc('2020-11-01T00:00:00') }] });
    expect(dateFilter(null, day('2020-11-02'), time)).toEqual({ text: 'CURDATETIME < @late', parameters: [{ name: 'late', type: mssql.DateTime, value: utc('2020-11-02T00:00:00') }] });
    expect(dateFilter(day('2020-11-01'), day('2020-11-01'), time)).toEqual({
      text: 'CAST(CURDATETIME AS date) = @day',
      parameters: [{ name: 'day', type: mssql.Date, value: utc('2020-11-01T00:00:00') }],
    });
    expect(dateFilter(null, null, time)).toEqual({ text: '', parameters: [] });
  });

  it('bind a time of day as its wall clock, not its UTC instant', () => {
    const afternoon = time.parse('2020-11-01 13:45:10-06:00');
    expect(dateFilter(afternoon, null, time).parameters[0].value).toEqual(utc('2020-11-01T13:45:10'));
  });

  it('list the days with their row counts from the history table', () => {
    expect(dayQuery(day('2020-09-13'), day('2020-09-15'), time).text).toBe(
      'SELECT CAST(CURDATETIME AS date) AS day, COUNT(1) AS records FROM KITSDB.KITS.SYSDETHISTORYRM' +
        ' WHERE CURDATETIME >= @early AND CURDATETIME < @late GROUP BY CAST(CURDATETIME AS date) ORDER BY CAST(CURDATETIME AS date);',
    );
    expect(dayQuery(null, null, time).text).toBe(
      'SELECT CAST(CURDATETIME AS date) AS day, COUNT(1) AS records FROM KITSDB.KITS.SYSDETHISTORYRM GROUP BY CAST(CURDATETIME AS date) ORDER BY CAST(CURDATETIME AS date);',
    );
  });

  it("read one day's records joined to their detectors, in the original's columns and order", () => {
    const query = dayRecordsQuery(day('2020-09-13'), time, { history: 'dbo.HISTORY', detectors: 'dbo.DETECTORS' });
    expect(query.text).toBe(
      'SELECT a.DETID AS detID, b.INTID AS intID, CAST(CURDATETIME AS date) AS curDate, CURDATETIME AS curDateTime,' +
        ' INTNAME AS intName, DETNAME AS detName, a.VOLUME AS volume, a.OCCUPANCY AS occupancy, SPEED AS speed, STATUS AS status,' +
        ' UPLOADSUCCESS AS uploadSuccess, DETCOUNTCOMPARISON AS detCountComparison, DAILYCUMULATIVE AS dailyCumulative' +
        ' FROM dbo.HISTORY AS a, dbo.DETECTORS AS b WHERE CAST(CURDATETIME AS date) = @day AND a.DETID = b.DETID' +
        ' ORDER BY CURDATETIME, INTNAME, DETNAME;',
    );
    expect(query.parameters).toEqual([{ name: 'day', type: mssql.Date, value: utc('2020-09-13T00:00:00') }]);
  });

  it('read a DATE the driver gives as UTC midnight as that Central calendar day (W-12)', () => {
    expect(time.format(dayOfDateValue(new Date('2020-11-01T00:00:00Z'), time)!)).toBe('2020-11-01 00:00:00-05:00');
    expect(time.format(dayOfDateValue(new Date('2020-03-09T00:00:00Z'), time)!)).toBe('2020-03-09 00:00:00-05:00');
    expect(time.format(dayOfDateValue('2020-12-31', time)!)).toBe('2020-12-31 00:00:00-06:00');
    expect(dayOfDateValue(null, time)).toBeNull();
  });
});
