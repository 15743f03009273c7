// Generated hostile lake JSON (issue 8) through both readers, whole and streamed in several
// chunkings: each variant is read to the same value by both (bare NaN/Infinity as null), or both
// fail with InvalidLakeJson naming the source; nothing else is thrown. The ready stages' own
// suites (source-bluetooth/src/stages/bt-ready.hostile.spec.ts) run such files through a stage.
import { jsonVariants } from '@lake/testing';
import { InvalidLakeJson } from './invalid-lake-json';
import { parseLakeJson } from './lake-json';
import { readLakeJsonStream, type LakeJsonStreamOptions } from './lake-json-stream';

const SOURCE = 'atd-datalake-rawjson/2019/06/01/bt/Austin_bt_2019-06-01_unmatched.json';
const sample = {
  header: { data_type: 'bluetooth', file_type: 'unmatched', collection_date: '2019-06-01 00:00:00-05:00', nested: { a: [1, 2, { b: 'c' }] } },
  data: [
    { host_timestamp: '2019-06-01 00:00:05-05:00', reader_id: 'lamar_6th', dev_addr: 'QUJDREVG', speed: 3.31, note: 'Straße "quoted" \\ back' },
    { host_timestamp: '2019-06-01 00:10:05-05:00', reader_id: 'lamar_mlk', dev_addr: 'QUJDREVH', speed: null, note: '€' },
    { host_timestamp: null, reader_id: 'congress_5th', dev_addr: 'QUJDREVI', speed: -1.5e3, note: '' },
  ],
  devices: [{ device_name: 'lamar_6th', lat: 30.25 }],
};

async function streamed(bytes: Buffer, cuts: number[], options: LakeJsonStreamOptions): Promise<Record<string, unknown>> {
  async function* pieces() {
    let start = 0;
    for (const cut of [...cuts.filter((at) => at < bytes.length), bytes.length]) {
      yield bytes.subarray(start, cut);
      start = cut;
    }
  }
  const document: Record<string, unknown> = {};
  for await (const event of readLakeJsonStream(pieces(), options)) {
    if (event.kind === 'member') document[event.key] = event.value;
    else if (event.kind === 'elements') document[event.key] = [...((document[event.key] as unknown[] | undefined) ?? []), ...event.values];
    else if (event.kind === 'arrayEnd' && !(event.key in document)) document[event.key] = [];
  }
  return document;
}

type Outcome = { value: unknown } | { error: InvalidLakeJson };

async function outcome(read: () => Promise<unknown> | unknown): Promise<Outcome> {
  try {
    return { value: await read() };
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidLakeJson);
    return { error: error as InvalidLakeJson };
  }
}

const variants = jsonVariants(sample, { seed: 8_600, perKind: 6, hugeStringLength: 256 * 1024 });

describe('lake JSON readers on generated hostile documents', () => {
  it('makes variants of every kind', () => {
    expect(new Set(variants.map((variant) => variant.kind)).size).toBe(7);
    expect(variants.length).toBeGreaterThanOrEqual(30);
  });

  it.each(variants.map((variant) => [variant.name, variant] as const))('%s: both readers agree, or both fail naming the source', async (_name, variant) => {
    const whole = await outcome(() => parseLakeJson(variant.text, SOURCE));
    const options = { arrays: ['data'], source: SOURCE };
    for (const cuts of [[], [1, 2, 3], [17, 200], [Math.floor(variant.bytes.length / 2)], Array.from({ length: 40 }, (_, index) => index * 97)]) {
      const stream = await outcome(() => streamed(variant.bytes, cuts, options));
      if ('error' in whole || 'error' in stream) {
        // The stream reader also refuses a top level that is no object, which parseLakeJson reads.
        const topLevelObject = 'value' in whole && typeof whole.value === 'object' && whole.value !== null && !Array.isArray(whole.value);
        if ('value' in stream) throw new Error(`${variant.name}: the stream read what parseLakeJson refused`);
        if ('value' in whole && topLevelObject) throw new Error(`${variant.name}: parseLakeJson read what the stream refused: ${stream.error.message}`);
        expect(stream.error.message.startsWith(`${SOURCE} is not valid lake JSON: `)).toBe(true);
        if ('error' in whole) expect(whole.error.message.startsWith(`${SOURCE} is not valid lake JSON: `)).toBe(true);
      } else {
        const value = whole.value as Record<string, unknown>;
        expect(stream.value).toEqual(Array.isArray(value.data) || !('data' in value) ? value : { ...value, data: value.data });
      }
    }
    if (['deep', 'deep-unclosed', 'truncate'].includes(variant.kind)) expect('error' in whole).toBe(true);
  });
});
