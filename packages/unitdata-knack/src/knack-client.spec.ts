import { HttpError } from '@lake/core';
import { KnackClient, type KnackClientOptions } from './knack-client';
import { KnackUnknownObject } from './knack-errors';
import { KnackDouble } from './test-support/knack-double';
import { LOCATION_FIELDS, SENSOR_FIELDS, locationRecord, locationsObject, sensorRecord, sensorsObject } from './test-support/bluetooth-knack';

const APP_ID = 'app-5d79';
const API_KEY = 'api-key-very-secret';

function sensors(count: number, type = 'BLUETOOTH'): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, index) => sensorRecord(`${type}-${index}`, { type, sensorId: index, reader: `reader_${index}` }));
}

describe('KnackClient', () => {
  let double: KnackDouble;
  let delays: number[];

  async function startDouble(objects = [sensorsObject(sensors(3)), locationsObject([locationRecord('l1', { locationId: 'LOC16-000001' })])], clock?: () => number) {
    double = await new KnackDouble({ appId: APP_ID, apiKey: API_KEY, objects, clock }).start();
  }

  function client(options: Partial<KnackClientOptions> = {}): KnackClient {
    return new KnackClient({
      appId: APP_ID,
      apiKey: API_KEY,
      baseUrl: double.baseUrl,
      sleep: async (ms) => {
        delays.push(ms);
      },
      ...options,
    });
  }

  beforeEach(() => {
    delays = [];
  });
  afterEach(() => double?.stop());

  it('maps field keys to labels both ways from the application metadata', async () => {
    await startDouble();
    const fields = await client().fields('object_56');
    expect([...fields.labelOf]).toEqual(SENSOR_FIELDS.map(({ key, name }) => [key, name]));
    expect(fields.keyOf.get('SENSOR_TYPE')).toBe('field_884');
    expect(double.requests.map((request) => request.path)).toEqual([`/v1/applications/${APP_ID}`]);
  });

  it('reads the metadata once per client', async () => {
    await startDouble();
    const knack = client();
    await knack.records('object_56');
    await knack.records('object_11', { raw: true });
    await knack.fields('object_11');
    expect(double.requests.filter((request) => request.path.startsWith('/v1/applications/'))).toHaveLength(1);
  });

  it('names the objects the application has when asked for another', async () => {
    await startDouble();
    const failure = await client().records('object_99').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(KnackUnknownObject);
    expect((failure as KnackUnknownObject).message).toContain('"object_99"');
    expect((failure as KnackUnknownObject).hint).toContain('object_56, object_11');
  });

  it('reads every page: 2 500 records in three pages of 1 000', async () => {
    await startDouble([sensorsObject(sensors(2500)), locationsObject([])]);
    const records = await client().records('object_56');
    expect(records).toHaveLength(2500);
    expect(records[0].READER_ID).toBe('reader_0');
    expect(records[2499].READER_ID).toBe('reader_2499');
    const pages = double.recordRequests('object_56');
    expect(pages.map((request) => request.query.get('page'))).toEqual(['1', '2', '3']);
    expect(pages.every((request) => request.query.get('rows_per_page') === '1000')).toBe(true);
  });

  it('reads an empty object with one request', async () => {
    await startDouble([sensorsObject([]), locationsObject([])]);
    expect(await client().records('object_56')).toEqual([]);
    expect(double.recordRequests('object_56')).toHaveLength(1);
  });

  it('sends filters as JSON and gets only the matching records', async () => {
    await startDouble([sensorsObject([...sensors(3, 'BLUETOOTH'), ...sensors(2, 'RADAR')]), locationsObject([])]);
    const filters = { match: 'and' as const, rules: [{ field: 'field_884', operator: 'is', value: 'RADAR' }] };
    const records = await client().records('object_56', { filters });
    expect(records.map((record) => record.SENSOR_TYPE)).toEqual(['RADAR', 'RADAR']);
    expect(JSON.parse(double.recordRequests('object_56')[0].query.get('filters') ?? '')).toEqual(filters);
  });

  it('labels formatted values, showing connections by their identifiers, and empty values as null', async () => {
    await startDouble([sensorsObject([sensorRecord('s1', { locationId: 'LOC16-000001', kitsId: '' }), sensorRecord('s2', { locationId: null })]), locationsObject([])]);
    const [withLocation, without] = await client().records('object_56');
    expect(withLocation).toEqual({
      id: 's1',
      SENSOR_TYPE: 'BLUETOOTH',
      ATD_SENSOR_ID: '1',
      READER_ID: 'reader_s1',
      SENSOR_STATUS: 'TURNED_ON',
      SENSOR_IP: '10.0.0.1',
      IP_COMM_STATUS: 'ONLINE',
      ATD_LOCATION_ID: 'LOC16-000001',
      KITS_ID: null,
    });
    expect(without.ATD_LOCATION_ID).toBeNull();
  });

  it('labels raw values when asked, keeping the LOCATION object', async () => {
    await startDouble([sensorsObject([]), locationsObject([locationRecord('l1', { locationId: 'LOC16-000001', point: { latitude: 30.1, longitude: -97.2 } })])]);
    const [location] = await client().records('object_11', { raw: true });
    expect(Object.keys(location)).toEqual(['id', ...LOCATION_FIELDS.map((field) => field.name)]);
    expect(location.LOCATION).toEqual({ latitude: 30.1, longitude: -97.2 });
    expect(location.COA_INTERSECTION_ID).toBe(5150001);
  });

  it('retries 429 (honouring Retry-After) and 5xx answers, then succeeds', async () => {
    await startDouble();
    double.failNext(1, 429, '2');
    double.failNext(1, 503);
    double.failNext(1, 500);
    const records = await client({ backoffMs: 100 }).records('object_56');
    expect(records).toHaveLength(3);
    expect(delays).toEqual([2000, 200, 400]);
  });

  it('gives up after five attempts with the last status', async () => {
    await startDouble();
    double.failNext(5, 502);
    await expect(client({ backoffMs: 100 }).fields('object_56')).rejects.toMatchObject({ code: 'HTTP_502' });
    expect(double.requests).toHaveLength(5);
  });

  it('does not retry refused credentials, and keeps the key out of the message', async () => {
    await startDouble();
    const failure = await client({ apiKey: 'api-key-wrong-one' }).records('object_56').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(HttpError);
    expect(failure).toMatchObject({ code: 'HTTP_401' });
    expect((failure as HttpError).message).not.toContain('api-key-wrong-one');
    expect(double.requests).toHaveLength(1);
  });

  it('stays within 9 requests per rolling second', async () => {
    let clock = 0;
    await startDouble([sensorsObject(sensors(10_500)), locationsObject([])], () => clock);
    const records = await client({
      now: () => clock,
      sleep: async (ms) => {
        delays.push(ms);
        clock += ms;
      },
    }).records('object_56');
    expect(records).toHaveLength(10_500);
    const stamps = double.requests.map((request) => request.at);
    expect(stamps).toHaveLength(12); // metadata + 11 pages
    for (const start of stamps) expect(stamps.filter((at) => at >= start && at < start + 1000).length).toBeLessThanOrEqual(9);
    expect(delays).toEqual([1000]);
  });
  // Found by the hostile-input suite (knack-unit-data-driver.hostile.spec.ts).
  describe('hostile answers', () => {
    async function startRewriting(rewrite: (path: string, text: string) => string) {
      double = await new KnackDouble({ appId: APP_ID, apiKey: API_KEY, objects: [sensorsObject(sensors(3)), locationsObject([])], rewrite }).start();
    }
    const fast = { rateLimit: { requests: 1_000_000, perMs: 1 }, attempts: 1 };
    const records = `/v1/objects/object_56/records`;

    it('pages by the page it asked for: an answer always saying page 1 of 4 ends after page 4', async () => {
      await startRewriting((path, text) => (path === records ? text.replace(/"total_pages":\d+/, '"total_pages":4').replace(/"records":\[\]/, `"records":[${JSON.stringify(sensors(1)[0])}]`) : text));
      expect(await client(fast).records('object_56')).toHaveLength(3 + 3 * 1);
      expect(double.recordRequests('object_56')).toHaveLength(4);
    });

    it('stops believing an answer of endless pages after KNACK_MAX_PAGES', async () => {
      await startRewriting((path, text) => (path === records ? `{"total_pages": 1e9, "current_page": "1", "records": [${JSON.stringify(sensors(1)[0])}]}` : text));
      await expect(client(fast).records('object_56')).rejects.toMatchObject({ code: 'KNACK_UNEXPECTED_ANSWER', message: 'Knack answered the records of object_56 with more than 1000 pages of 1000 records' });
    });

    it('refuses a record that is no object, text that is not JSON, and JSON nested too deep', async () => {
      for (const [body, why] of [
        ['{"total_pages": 1, "records": [null]}', 'record 0 of page 1 being null, not an object'],
        ['{"total_pages": 1, "records": [{"id": NaN}]}', 'an answer that is not JSON ({"total_pages": 1, "records": [{"id": NaN}]})'],
        [`{"total_pages": 1, "records": [{"id": ${'['.repeat(100_000)}${']'.repeat(100_000)}}]}`, 'JSON nested deeper than 512 levels'],
      ]) {
        await startRewriting((path, text) => (path === records ? body : text));
        await expect(client(fast).records('object_56')).rejects.toMatchObject({ code: 'KNACK_UNEXPECTED_ANSWER', message: `Knack answered the records of object_56 with ${why}` });
        await double.stop();
      }
    });

    it('refuses metadata whose objects or fields are not what the API documents', async () => {
      await startRewriting((path, text) => (path.startsWith('/v1/applications/') ? '{"application": {"objects": [{"key": "object_56", "fields": [{"key": "field_1"}]}]}}' : text));
      await expect(client(fast).fields('object_56')).rejects.toMatchObject({ code: 'KNACK_UNEXPECTED_ANSWER', message: 'Knack answered the application metadata with a field {"key":"field_1"} of object_56 without "key" and "name" texts' });
    });
  });
});
