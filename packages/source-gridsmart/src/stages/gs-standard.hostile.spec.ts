// Generated hostile GRIDSMART inputs (issue 8) through gs:standard on a real embedded lake, all in
// one run, each variant under its own intersection: counts ZIPs cut short or with a byte flipped
// in a local header, the central directory, the end record or the data, or a wrong CRC-32; zone
// CSVs with the text mutations; site files with bare NaN, wrong types, 100 000 levels of `[`,
// enormous strings, missing members; entries that are not CSV and a corrupt nested archive. A
// zone is stored exactly as the untouched archive has it, or its loss is reported (a failure
// naming the archive, or a warning naming the entry and line); nothing is stored under a zone the
// archive does not have; the untouched intersection is stored; nothing is left outside the lake.
import { runStage, type StageResult } from '@lake/core';
import { jsonVariants, textVariants, withPrivateTmp, zipVariants, type HostileVariant } from '@lake/testing';
import { GsTestLake, RAW, STANDARDIZED, gridsmartDevice } from '../test-support/gs-lake';
import { deviceSite, siteFile } from '../test-support/site-fixtures';
import { CAMERA_MAC, GUID_NB, GUID_SB, countsZip, csvOf, v8Row, zipOf } from '../test-support/zip-fixtures';
import { GridsmartStandard } from './gs-standard';

const DAY = '2020-03-04';
const GUIDS = [GUID_NB, GUID_SB];
/** A valid zone CSV: several lines, a quoted field with a comma, a multi-byte character. */
const ZONE_CSV = csvOf([
  v8Row({ timestamp: 3.4 }),
  v8Row({ timestamp: 120000, turn: '"S, straight"' }),
  v8Row({ timestamp: 130000.5, light_state: 'Grün' }),
  v8Row({ timestamp: 235959.9, speed: 33 }),
]);

type Group = 'zip' | 'zone-csv' | 'site' | 'entries';

interface Case {
  group: Group;
  name: string;
  base: string;
  kind: string;
  /** Raw bytes of the counts archive and of the site file. */
  zip: Buffer;
  site: Buffer;
  /** The zone CSV variant (zone-csv group), with the line its damage starts on. */
  zoneVariant?: HostileVariant;
}

const goodSite = (base: string) => Buffer.from(JSON.stringify(siteFile({ base, day: '2020-03-05', site: deviceSite({ street1: base.split('_')[0], street2: base.split('_')[1] }) })));

async function cases(): Promise<Case[]> {
  const all: Case[] = [];
  let number = 0;
  const add = (group: Group, variant: { name: string; kind: string; bytes?: Buffer }, parts: { zip?: Buffer; site?: Buffer; zoneVariant?: HostileVariant }, goodZip: Buffer) => {
    const base = `H${String(number++).padStart(3, '0')}_${group.replace('-', '')}`;
    all.push({ group, name: variant.name, kind: variant.kind, base, zip: parts.zip ?? goodZip, site: parts.site ?? goodSite(base), zoneVariant: parts.zoneVariant });
  };
  const zones = { [GUID_NB]: ZONE_CSV, [GUID_SB]: ZONE_CSV };
  const typeA = await countsZip({ layout: 'A', cameras: [{ mac: CAMERA_MAC, day: DAY, zones }] });
  const typeB = await countsZip({ layout: 'B', cameras: [{ mac: CAMERA_MAC, day: DAY, zones }] });
  for (const variant of zipVariants(typeA, { seed: 8_300, perKind: 3 })) add('zip', { ...variant, name: `A-${variant.name}` }, { zip: variant.bytes }, typeA);
  for (const variant of zipVariants(typeB, { seed: 8_301, perKind: 2 })) add('zip', { ...variant, name: `B-${variant.name}` }, { zip: variant.bytes }, typeB);
  for (const variant of textVariants(ZONE_CSV, { seed: 8_302, perKind: 2 })) {
    const zip = await countsZip({ layout: 'A', cameras: [{ mac: CAMERA_MAC, day: DAY, zones: { [GUID_NB]: variant.bytes as unknown as string, [GUID_SB]: ZONE_CSV } }] });
    add('zone-csv', variant, { zip, zoneVariant: variant }, typeA);
  }
  const siteValue = JSON.parse(goodSite('X_Y').toString()) as unknown;
  for (const variant of jsonVariants(siteValue, { seed: 8_303, perKind: 2, hugeStringLength: 1024 * 1024, under: ['site', 'datetime', 'header'] })) {
    add('site', variant, { site: variant.bytes }, typeA);
  }
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);
  const goodB = await zipOf({ [`${GUID_NB}.csv`]: ZONE_CSV, [`${GUID_SB}.csv`]: ZONE_CSV });
  const entryCases: [string, Buffer][] = [
    ['zone-is-png', await countsZip({ layout: 'A', cameras: [{ mac: CAMERA_MAC, day: DAY, zones: { [GUID_NB]: png as unknown as string, [GUID_SB]: ZONE_CSV } }] })],
    ['zone-is-zip', await countsZip({ layout: 'A', cameras: [{ mac: CAMERA_MAC, day: DAY, zones: { [GUID_NB]: goodB as unknown as string, [GUID_SB]: ZONE_CSV } }] })],
    ['not-csv-entries', await countsZip({ layout: 'A', cameras: [{ mac: CAMERA_MAC, day: DAY, zones, extraFiles: { 'notes.txt': 'hello', 'image.png': png, [`${GUID_NB}.csv.bak`]: ZONE_CSV } }] })],
    ['nested-zip-truncated', await countsZip({ layout: 'B', cameras: [{ mac: CAMERA_MAC, day: DAY, zones, innerZip: goodB.subarray(0, goodB.length - 30) }] })],
    ['nested-zip-crc', await countsZip({ layout: 'B', cameras: [{ mac: CAMERA_MAC, day: DAY, zones, innerZip: zipVariants(goodB, { seed: 8_304, kinds: ['crc'], perKind: 1 })[0].bytes }] })],
    ['nested-zip-is-text', await countsZip({ layout: 'B', cameras: [{ mac: CAMERA_MAC, day: DAY, zones, innerZip: Buffer.from('<html>not found</html>') }] })],
  ];
  for (const [name, zip] of entryCases) add('entries', { name, kind: name }, { zip }, typeA);
  return all;
}

describe('gs:standard on generated hostile archives, zone files and site files', () => {
  let lake: GsTestLake;
  let all: Case[];
  let result: StageResult;
  let leftovers: string[];
  let stored: Map<string, unknown[]>;
  let expectedRecords: unknown[];
  const GOOD = 'Good_Intersection';

  beforeAll(async () => {
    lake = new GsTestLake();
    all = await cases();
    await lake.storeUnitData(RAW, '2020-03-05', [gridsmartDevice()]);
    const typeA = await countsZip({ layout: 'A', cameras: [{ mac: CAMERA_MAC, day: DAY, zones: { [GUID_NB]: ZONE_CSV, [GUID_SB]: ZONE_CSV } }] });
    for (const { base, zip, site } of [...all, { base: GOOD, zip: typeA, site: goodSite(GOOD) }]) {
      await lake.storeBytes(RAW, base, 'zip', DAY, zip);
      await lake.storeBytes(RAW, base, 'site.json', '2020-03-05', site);
    }
    ({ value: result, leftovers } = await withPrivateTmp(() => runStage(new GridsmartStandard(), { lastRunDate: '0' }, lake.lake)));
    stored = new Map();
    for (const row of await lake.catalogRows(STANDARDIZED)) {
      if (row.ext.endsWith('.json') && row.ext !== 'site.json' && row.ext !== 'unit_data.json') stored.set(`${row.base} ${row.ext.replace(/\.json$/, '')}`, lake.readEntry<{ data: unknown[] }>(row).data);
    }
    expectedRecords = stored.get(`${GOOD} ${GUID_NB}`)!;
  }, 120_000);

  afterAll(async () => {
    await lake.dispose();
  });

  const zipLabel = (base: string) => `2020/03/04/gs/${base}_gs_${DAY}.zip`;
  const failuresOf = (base: string) => result.failures.filter((failure) => failure.label.startsWith(zipLabel(base)));
  const warningsOf = (base: string) => lake.log.lines.filter((line) => line.startsWith(`WARN ${zipLabel(base)}: `));

  it('makes many variants in every group', () => {
    const count = (group: Group) => all.filter((entry) => entry.group === group).length;
    expect([count('zip'), count('zone-csv'), count('site'), count('entries')]).toEqual([expect.any(Number), expect.any(Number), expect.any(Number), 6]);
    expect(count('zip')).toBeGreaterThanOrEqual(30);
    expect(count('zone-csv')).toBeGreaterThanOrEqual(20);
    expect(count('site')).toBeGreaterThanOrEqual(12);
    expect(new Set(all.filter((entry) => entry.group === 'zip').map((entry) => entry.kind))).toEqual(new Set(['truncate', 'local-header', 'central-directory', 'end-record', 'crc', 'data']));
  });

  it('stores the untouched intersection, and reports every failure as a LakeError naming its archive', () => {
    expect(expectedRecords).toHaveLength(4);
    expect(stored.get(`${GOOD} ${GUID_SB}`)).toEqual(expectedRecords);
    expect(failuresOf(GOOD)).toEqual([]);
    for (const failure of result.failures) {
      expect([failure.label, failure.code]).not.toEqual([failure.label, 'ERROR']);
      expect(all.some(({ base }) => `${failure.label} ${failure.message}`.includes(`${base}_`))).toBe(true);
    }
    expect(result.failures.length).toBeGreaterThan(0);
  });

  it('stores each zone exactly, or reports its loss; never stores a zone the archive does not have', () => {
    for (const entry of all) {
      const where = `${entry.group} ${entry.name}`;
      const storedZones = [...stored.keys()].filter((key) => key.startsWith(`${entry.base} `)).map((key) => key.split(' ')[1]);
      expect([where, storedZones.filter((guid) => !GUIDS.includes(guid))]).toEqual([where, []]);
      for (const guid of GUIDS) {
        const records = stored.get(`${entry.base} ${guid}`);
        const reported = failuresOf(entry.base).length > 0 || warningsOf(entry.base).some((line) => /: skipped |no dated folder or nested archive/.test(line));
        if (records === undefined) expect([where, guid, reported]).toEqual([where, guid, true]);
        else if (entry.group !== 'zone-csv' || guid === GUID_SB) expect([where, guid, records]).toEqual([where, guid, expectedRecords]);
      }
    }
  });

  it('reports a damaged zone CSV with its file and line, keeping the lines before the damage and the other zone', () => {
    for (const entry of all.filter(({ group }) => group === 'zone-csv')) {
      const variant = entry.zoneVariant!;
      const where = `${variant.name}`;
      const file = `${CAMERA_MAC}/${DAY}/${GUID_NB}.csv`;
      const records = stored.get(`${entry.base} ${GUID_NB}`);
      const line = variant.line ?? 1;
      const failure = failuresOf(entry.base).find((candidate) => candidate.label === `${zipLabel(entry.base)} zone ${GUID_NB}`);
      expect([where, stored.get(`${entry.base} ${GUID_SB}`)]).toEqual([where, expectedRecords]);
      if (failure) {
        expect([where, failure.code, failure.message]).toEqual([where, 'GS_ZONE_FILE', expect.stringContaining(`${file} line `)]);
        continue;
      }
      expect([where, records?.slice(0, line - 1)]).toEqual([where, expectedRecords.slice(0, line - 1)]);
      const warnings = warningsOf(entry.base).filter((text) => text.includes(file));
      if (['nul', 'invalid-utf8', 'columns', 'big-field'].includes(variant.kind) || (variant.kind === 'delimiter' && !variant.name.includes('-all'))) {
        expect([where, warnings]).toEqual([where, expect.arrayContaining([expect.stringContaining(`${file} line ${line}: `)])]);
      }
      if (variant.kind === 'line-endings') expect([where, records, warnings]).toEqual([where, expectedRecords, []]);
      if (variant.kind === 'empty') expect([where, records]).toEqual([where, []]);
    }
  });

  it('reads a hostile site file or fails its archive naming the site file; deep or cut-short ones always fail', () => {
    for (const entry of all.filter(({ group }) => group === 'site')) {
      const failures = failuresOf(entry.base);
      const siteFileName = `${entry.base}_gs_2020-03-05_site.json`;
      for (const failure of failures) expect([entry.name, failure.message]).toEqual([entry.name, expect.stringContaining(siteFileName)]);
      if (['deep', 'deep-unclosed', 'truncate'].includes(entry.kind)) {
        expect([entry.name, failures.map((failure) => failure.code)]).toEqual([entry.name, ['INVALID_LAKE_JSON']]);
      }
      if (failures.length === 0) for (const guid of GUIDS) expect([entry.name, stored.get(`${entry.base} ${guid}`)]).toEqual([entry.name, expectedRecords]);
    }
  });

  it('skips entries that are not zone CSVs with a warning, and fails a zone that is no CSV or a broken nested archive', () => {
    const byName = (name: string) => all.find((entry) => entry.name === name)!;
    expect(failuresOf(byName('zone-is-png').base).map((failure) => failure.code)).toEqual(['GS_ZONE_FILE']);
    expect(failuresOf(byName('zone-is-zip').base).map((failure) => failure.code)).toEqual(['GS_ZONE_FILE']);
    const skipped = warningsOf(byName('not-csv-entries').base).join('\n');
    for (const name of ['notes.txt', 'image.png', `${GUID_NB}.csv.bak`]) expect(skipped).toContain(`skipped ${CAMERA_MAC}/${DAY}/${name}: not a zone file named <GUID>.csv`);
    for (const name of ['nested-zip-truncated', 'nested-zip-is-text']) expect(failuresOf(byName(name).base).map((failure) => failure.code)).toEqual(['GS_NESTED_ZIP']);
    expect(failuresOf(byName('nested-zip-crc').base).map((failure) => failure.code)).toEqual(['GS_CORRUPT_ZIP_ENTRY']);
  });

  it('leaves nothing in the temp folder', () => {
    expect(leftovers).toEqual([]);
  });
});
