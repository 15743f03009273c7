import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CAMERA_MAC, GUID_NB, GUID_SB, countsZip, csvOf, v8Row, withEntryRenamed, zipOf } from '../test-support/zip-fixtures';
import { CountsZip } from './counts-zip';
import { CorruptZip, NoCameraDirectory, ZipTooLarge } from './zip-errors';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-zip-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const rows = (timestamp: number) => csvOf([v8Row({ timestamp })]);

async function walk(zip: Buffer, maxUnzippedBytes = 1024 * 1024) {
  const file = path.join(dir, 'counts.zip');
  fs.writeFileSync(file, zip);
  return CountsZip.open(file, { what: 'Lamar_Koenig_gs_2020-03-04.zip', tempDir: dir, maxUnzippedBytes });
}

/** zone guid → [part name, part text] */
async function contents(counts: CountsZip): Promise<Record<string, [string, string][]>> {
  const out: Record<string, [string, string][]> = {};
  for (const zone of counts.zones) {
    out[zone.guid] = [];
    for (const part of zone.parts) {
      const chunks: Buffer[] = [];
      for await (const chunk of await part.open()) chunks.push(Buffer.from(chunk));
      out[zone.guid].push([part.name, Buffer.concat(chunks).toString('utf8')]);
    }
  }
  await counts.close();
  return out;
}

describe('counts ZIP walk', () => {
  it('reads Type A: <MAC>/<date>/<GUID>.csv', async () => {
    const counts = await walk(await countsZip({ layout: 'A', cameras: [{ mac: CAMERA_MAC, day: '2020-03-04', zones: { [GUID_NB]: rows(1), [GUID_SB]: rows(2) } }] }));
    expect(counts.cameras).toEqual([CAMERA_MAC]);
    expect(await contents(counts)).toEqual({
      [GUID_NB]: [[`${CAMERA_MAC}/2020-03-04/${GUID_NB}.csv`, rows(1)]],
      [GUID_SB]: [[`${CAMERA_MAC}/2020-03-04/${GUID_SB}.csv`, rows(2)]],
    });
    expect(counts.notes).toEqual([]);
  });

  it('reads every dated folder of Type A in date order, one zone per GUID', async () => {
    const zip = await countsZip({
      layout: 'A',
      cameras: [
        { mac: CAMERA_MAC, day: '2020-03-04', zones: { [GUID_NB]: rows(2) } },
        { mac: CAMERA_MAC, day: '2020-03-03', zones: { [GUID_NB]: rows(1), [GUID_SB]: rows(3) } },
      ],
    });
    const zones = await contents(await walk(zip));
    expect(zones[GUID_NB]).toEqual([[`${CAMERA_MAC}/2020-03-03/${GUID_NB}.csv`, rows(1)], [`${CAMERA_MAC}/2020-03-04/${GUID_NB}.csv`, rows(2)]]);
    expect(zones[GUID_SB]).toHaveLength(1);
  });

  it('reads Type B: a nested <date>.zip with the zone CSVs at its root, copied to a generated temp name', async () => {
    const counts = await walk(await countsZip({ layout: 'B', cameras: [{ mac: CAMERA_MAC, day: '2020-03-04', zones: { [GUID_NB]: rows(1) } }] }));
    expect(fs.readdirSync(dir).filter((name) => name.startsWith('nested-'))).toHaveLength(1);
    expect(await contents(counts)).toEqual({ [GUID_NB]: [[`${CAMERA_MAC}/2020-03-04.zip:${GUID_NB}.csv`, rows(1)]] });
    expect(fs.readdirSync(dir).filter((name) => name.startsWith('nested-'))).toEqual([]);
  });

  it('fails on a corrupt outer archive', async () => {
    await expect(walk(Buffer.from('<html>502 Bad Gateway</html>'))).rejects.toThrow(CorruptZip);
    const truncated = (await countsZip({ layout: 'A', cameras: [{ mac: CAMERA_MAC, day: '2020-03-04', zones: { [GUID_NB]: rows(1) } }] })).subarray(0, 60);
    await expect(walk(truncated)).rejects.toThrow(/Lamar_Koenig_gs_2020-03-04.zip is not a readable ZIP archive/);
  });

  it('reports a corrupt nested archive for its camera and goes on with the others', async () => {
    const zip = await countsZip({
      layout: 'B',
      cameras: [
        { mac: CAMERA_MAC, day: '2020-03-04', zones: {}, innerZip: Buffer.from('not a zip at all') },
        { mac: '00-30-53-26-e6-e2', day: '2020-03-04', zones: { [GUID_SB]: rows(1) } },
      ],
    });
    const counts = await walk(zip);
    expect(counts.notes).toEqual([{ level: 'error', message: expect.stringMatching(new RegExp(`^${CAMERA_MAC}/2020-03-04.zip skipped: ${CAMERA_MAC}/2020-03-04.zip is not a readable ZIP`)) }]);
    expect(Object.keys(await contents(counts))).toEqual([GUID_SB]);
  });

  it('fails when no top-level directory is named like a MAC', async () => {
    await expect(walk(await zipOf({ [`cameras/2020-03-04/${GUID_NB}.csv`]: rows(1), 'readme.txt': 'hi' }))).rejects.toThrow(NoCameraDirectory);
  });

  it('reads two camera directories', async () => {
    const zip = await countsZip({
      layout: 'A',
      cameras: [
        { mac: '00-30-53-26-e6-e2', day: '2020-03-04', zones: { [GUID_SB]: rows(2) } },
        { mac: CAMERA_MAC, day: '2020-03-04', zones: { [GUID_NB]: rows(1) } },
      ],
    });
    const counts = await walk(zip);
    expect(counts.cameras).toEqual([CAMERA_MAC, '00-30-53-26-e6-e2']);
    expect(Object.keys(await contents(counts))).toEqual([GUID_NB, GUID_SB]);
  });

  it('skips entries that are not <GUID>.csv, and stray files, with a warning each', async () => {
    const zip = await countsZip({
      layout: 'A',
      cameras: [{ mac: CAMERA_MAC, day: '2020-03-04', zones: { [GUID_NB]: rows(1) }, extraFiles: { 'notes.txt': 'x', 'abc.csv': 'y' } }],
      entries: { [`${CAMERA_MAC}/summary.txt`]: 'z', [`${CAMERA_MAC}/misc/${GUID_SB}.csv`]: rows(1), 'top.txt': 't' },
    });
    const counts = await walk(zip);
    expect(counts.notes.map((note) => note.message).sort()).toEqual([
      '1 entry outside camera directories ignored (top.txt)',
      `skipped ${CAMERA_MAC}/2020-03-04/abc.csv: not a zone file named <GUID>.csv`,
      `skipped ${CAMERA_MAC}/2020-03-04/notes.txt: not a zone file named <GUID>.csv`,
      `skipped ${CAMERA_MAC}/misc/${GUID_SB}.csv: not <MAC>/<YYYY-MM-DD>/<GUID>.csv`,
      `skipped ${CAMERA_MAC}/summary.txt: neither a dated folder nor a nested <date>.zip`,
    ]);
    expect(Object.keys(await contents(counts))).toEqual([GUID_NB]);
  });

  it('skips entries whose names are path tricks, never reading them', async () => {
    // yazl refuses such names, so entries are written under same-length names and renamed.
    const upward = `${CAMERA_MAC}/2020-03-04/../../${GUID_SB}.csv`;
    const absolute = `/${CAMERA_MAC}/2020-03-04/${GUID_SB}.csv`;
    const backslash = `${CAMERA_MAC}\\2020-03-04\\${GUID_SB}.csv`;
    let zip = await zipOf({
      [`${CAMERA_MAC}/2020-03-04/${GUID_NB}.csv`]: rows(1),
      [upward.replace(/\.\./g, 'QQ')]: rows(2),
      [`Q${absolute.slice(1)}`]: rows(3),
      [backslash.replace(/\\/g, 'R')]: rows(4),
    });
    zip = withEntryRenamed(zip, upward.replace(/\.\./g, 'QQ'), upward);
    zip = withEntryRenamed(zip, `Q${absolute.slice(1)}`, absolute);
    zip = withEntryRenamed(zip, backslash.replace(/\\/g, 'R'), backslash);
    const counts = await walk(zip);
    expect(counts.notes.map((note) => note.message)).toEqual([
      `skipped ${JSON.stringify(upward)}: invalid relative path: ${upward}`,
      `skipped ${JSON.stringify(absolute)}: absolute path: ${absolute}`,
      `skipped ${JSON.stringify(backslash)}: invalid characters in fileName: ${backslash}`,
    ]);
    expect(Object.keys(await contents(counts))).toEqual([GUID_NB]);
  });

  it('keeps an empty zone file as a zone', async () => {
    const counts = await walk(await countsZip({ layout: 'A', cameras: [{ mac: CAMERA_MAC, day: '2020-03-04', zones: { [GUID_NB]: '' } }] }));
    expect(await contents(counts)).toEqual({ [GUID_NB]: [[`${CAMERA_MAC}/2020-03-04/${GUID_NB}.csv`, '']] });
  });

  it('refuses an entry, or an archive, that unpacks to more than the limit', async () => {
    const big = csvOf(Array.from({ length: 200 }, (_, index) => v8Row({ timestamp: index })));
    const one = await countsZip({ layout: 'A', cameras: [{ mac: CAMERA_MAC, day: '2020-03-04', zones: { [GUID_NB]: big } }] });
    await expect(walk(one, 1000)).rejects.toThrow(ZipTooLarge);
    await expect(walk(one, 1000)).rejects.toThrow(new RegExp(`${GUID_NB}.csv unpacks to more than`));
    const two = await countsZip({ layout: 'A', cameras: [{ mac: CAMERA_MAC, day: '2020-03-04', zones: { [GUID_NB]: big, [GUID_SB]: big } }] });
    await expect(walk(two, Buffer.byteLength(big) + 10)).rejects.toThrow(/Lamar_Koenig_gs_2020-03-04.zip unpacks to more than/);
  });
});
