import type { Readable } from 'node:stream';
import { LakeTime } from '@lake/core';
import { siteFile, ZONE_NB, ZONE_SB } from '../test-support/site-fixtures';
import { InvalidCountsFile, makeAggregationFile, type AggregationFileOptions } from './aggregation-file';

const time = new LakeTime('America/Chicago');
const options: AggregationFileOptions = { time, widthMinutes: 15, heavyVehicleFeet: 17, processingDate: '2020-03-05 06:00:00-06:00', where: 'ready/counts.json' };
const header = { data_type: 'gridsmart', zip_name: 'Lamar_Koenig_gs_2020-03-04.zip', collection_date: '2020-03-04 00:00:00-06:00', processing_date: '2020-03-05 05:30:01.000001-06:00', version: 8 };
const device = { atd_device_id: 6548, primary_st: 'LAMAR BLVD', cross_st: 'KOENIG LN', reversed: false };

const count = (timestampAdj: string, zone = ZONE_NB) => ({ count_version: 8, timestamp_adj: timestampAdj, turn: 'S', vehicle_length: 14, speed: 30, seconds_in_zone: 1.5, zone });

/** Feeds `text` in 7-byte chunks, so every member and record is cut somewhere. */
function opener(text: string) {
  let opened = 0;
  const open = async () => {
    opened++;
    const bytes = Buffer.from(text, 'utf8');
    return (async function* () {
      for (let index = 0; index < bytes.length; index += 7) yield bytes.subarray(index, index + 7);
    })();
  };
  return { open, opened: () => opened };
}

async function aggregateText(text: string) {
  let written = '';
  const input = opener(text);
  const report = await makeAggregationFile(input.open, options, async (body: Readable) => {
    for await (const chunk of body) written += chunk.toString();
  });
  return { report, written, file: JSON.parse(written), opened: input.opened() };
}

describe('makeAggregationFile', () => {
  it('writes header, data, site and device, reading the counts file twice', async () => {
    const site = siteFile({ day: '2020-03-05' });
    const text = JSON.stringify({ header, counts: [count('2020-03-04 07:45:00-06:00'), count('2020-03-04 07:46:00-06:00', ZONE_SB)], site, device });
    const { file, report, opened } = await aggregateText(text);
    expect(Object.keys(file)).toEqual(['header', 'data', 'site', 'device']);
    expect(file.header).toEqual({ ...header, processing_date: '2020-03-05 06:00:00-06:00', agg_interval_sec: 900 });
    expect(Object.keys(file.header)).toEqual(['data_type', 'zip_name', 'collection_date', 'processing_date', 'version', 'agg_interval_sec']);
    expect(file.data.map((row: { zone_approach: string }) => row.zone_approach)).toEqual(['Northbound', 'Southbound']);
    expect(file.site).toEqual(site);
    expect(file.device).toEqual(device);
    expect(report).toMatchObject({ records: 2, rowsOut: 2, heldUntilEnd: false });
    expect(opened).toBe(2);
  });

  it('writes a file with no rows for an empty counts array', async () => {
    const { file, report } = await aggregateText(JSON.stringify({ header, counts: [], site: siteFile(), device: [] }));
    expect(file.data).toEqual([]);
    expect(file.device).toEqual([]);
    expect(report.rowsOut).toBe(0);
  });

  it('reads upstream files with bare NaN tokens and writes null', async () => {
    const text = `{"header": ${JSON.stringify(header)}, "counts": [{"timestamp_adj": "2020-03-04 07:45:00-06:00", "turn": "S", "vehicle_length": NaN, "speed": NaN, "seconds_in_zone": 1.5, "zone": "${ZONE_NB}"}], "site": ${JSON.stringify(siteFile())}, "device": []}`;
    const { written, file } = await aggregateText(text);
    expect(written).not.toContain('NaN');
    expect(file.data[0]).toMatchObject({ heavy_vehicle: 1, speed_avg: null, speed_std: 0 });
  });

  it('aggregates counts that are not in time order by holding the groups until the end', async () => {
    const counts = [count('2020-03-04 08:01:00-06:00'), count('2020-03-04 07:46:00-06:00'), count('2020-03-04 08:02:00-06:00')];
    const { file, report } = await aggregateText(JSON.stringify({ header, counts, site: siteFile(), device }));
    expect(file.data.map((row: { timestamp: string; volume: number }) => `${row.timestamp} ${row.volume}`)).toEqual(['2020-03-04 07:45:00-06:00 1', '2020-03-04 08:00:00-06:00 2']);
    expect(report.heldUntilEnd).toBe(true);
  });

  it('refuses a counts file without a site file, header or counts array, naming the file', async () => {
    await expect(aggregateText(JSON.stringify({ header, counts: [], device }))).rejects.toThrow(new InvalidCountsFile('ready/counts.json', 'it has no site file (member "site")'));
    await expect(aggregateText(JSON.stringify({ counts: [], site: siteFile() }))).rejects.toThrow('ready/counts.json is not a GRIDSMART counts file: it has no header object');
    await expect(aggregateText(JSON.stringify({ header, counts: null, site: siteFile() }))).rejects.toThrow('it has no "counts" array');
  });
});
