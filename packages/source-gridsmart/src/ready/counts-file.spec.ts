import { parseLakeJson } from '@lake/core';
import { siteFile } from '../test-support/site-fixtures';
import { countsFileStream, countsHeader } from './counts-file';

async function text(stream: NodeJS.ReadableStream): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(Buffer.from(part as Buffer));
  return Buffer.concat(parts).toString('utf8');
}

describe('the ready counts file', () => {
  const header = countsHeader({ data_type: 'gridsmart', zip_name: 'Lamar_Koenig_gs_2020-03-04.zip', origin_filename: 'x.csv', collection_date: '2020-03-04 00:00:00-06:00', version: 8, day_covered: 1 }, '2020-03-05 05:30:01.000001-06:00');

  it('takes its header from a zone header, with the run\'s processing date, in upstream key order', () => {
    expect(Object.entries(header)).toEqual([
      ['data_type', 'gridsmart'],
      ['zip_name', 'Lamar_Koenig_gs_2020-03-04.zip'],
      ['collection_date', '2020-03-04 00:00:00-06:00'],
      ['processing_date', '2020-03-05 05:30:01.000001-06:00'],
      ['version', 8],
    ]);
  });

  it('streams header, counts, site and device as one JSON object, in pieces, NaN as null', async () => {
    const counts = Array.from({ length: 6000 }, (_, index) => ({ index, speed: index === 5999 ? Number.NaN : 20, timestamp_adj: '2020-03-04 07:45:00.100000-06:00' }));
    const site = siteFile();
    const stream = countsFileStream({ header, counts, site, device: [] });
    const pieces: Buffer[] = [];
    for await (const piece of stream) pieces.push(piece as Buffer);
    expect(pieces.length).toBeGreaterThan(3);
    const file = parseLakeJson(Buffer.concat(pieces).toString('utf8')) as Record<string, any>;
    expect(Object.keys(file)).toEqual(['header', 'counts', 'site', 'device']);
    expect(file.counts.map((record: { index: number }) => record.index)).toEqual(counts.map((record) => record.index));
    expect(file.counts[5999].speed).toBeNull();
    expect(file.site).toEqual(site);
    expect(file.device).toEqual([]);
  });

  it('writes the same bytes from the records and from their JSON elements in pieces (gs:ready\'s sorter)', async () => {
    const counts = Array.from({ length: 700 }, (_, index) => ({ index, speed: index % 7 === 0 ? Number.NaN : 20.5, note: 'é\t"x"', timestamp_adj: '2020-03-04 07:45:00.100000-06:00' }));
    async function* elements(): AsyncGenerator<string | Buffer> {
      yield JSON.stringify(counts.slice(0, 300)).slice(1, -1);
      yield Buffer.from(`,${JSON.stringify(counts.slice(300)).slice(1, -1)}`, 'utf8');
    }
    async function* none(): AsyncGenerator<string | Buffer> {}
    const device = { atd_device_id: 1, reversed: false };
    expect(await text(countsFileStream({ header, counts: elements(), site: siteFile(), device }))).toBe(await text(countsFileStream({ header, counts, site: siteFile(), device })));
    expect(await text(countsFileStream({ header, counts: none(), site: siteFile(), device: [] }))).toBe(await text(countsFileStream({ header, counts: [], site: siteFile(), device: [] })));
  });

  it('writes an empty counts list as []', async () => {
    const file = JSON.parse(await text(countsFileStream({ header, counts: [], site: siteFile(), device: { atd_device_id: 1, reversed: true } })));
    expect([file.counts, file.device]).toEqual([[], { atd_device_id: 1, reversed: true }]);
  });
});
