// The outside world of a production lake, started in the test process on 127.0.0.1: s3rver with
// the lake's buckets, the SODA double with the Bluetooth datasets (and their debug twins), and the
// Knack double serving the readers of the tiny AWAM share. Each is the double its driver package
// tests against, imported from that package's test-support.
import {
  locationRecord,
  locationsObject,
  sensorRecord,
  sensorsObject,
} from '../../../unitdata-knack/src/test-support/bluetooth-knack';
import { KnackDouble } from '../../../unitdata-knack/src/test-support/knack-double';
import { SodaDouble, type SodaRow } from '../../../publish-socrata/src/test-support/soda-double';
import { bytesOf, keysOf, startS3rver, type RunningS3rver } from '../../../storage-s3/src/test-support/s3rver-harness';
import { distinctiveSecret } from './prod-secrets';

export const PRODUCTION_BUCKETS = ['atd-datalake-raw', 'atd-datalake-rawjson', 'atd-datalake-ready'];
export const DEBUG_BUCKETS = PRODUCTION_BUCKETS.map((bucket) => `${bucket}-test`);

/** The Bluetooth datasets of the original (and of lake.config.example.json), by lake file type. */
export const DATASETS = { unmatched: 'qnpj-zrb9', matched: 'x44q-icha', traf_match_summary: 'v7zg-5jg9' } as const;
/** Their debug twins, as `publish.debugDatasets` maps them. */
export const DEBUG_DATASETS: Record<string, string> = { 'qnpj-zrb9': 'test-iaf1', 'x44q-icha': 'test-itm1', 'v7zg-5jg9': 'test-tms1' };

export const KNACK_APP_ID = 'lake-e2e-knack-app';
export const SODA_USER = 'lake-e2e-publisher';

/**
 * The readers the AWAM share names (awam-share.ts: `lamar_6th` reads the IAF line, the match goes
 * `lamar_mlk` → `lamar_6th`), as Knack sensors of type BLUETOOTH with their locations, plus a
 * sensor of another type that the Bluetooth filter must leave out.
 */
export const SHARE_READERS = [
  { reader: 'lamar_6th', ip: '10.66.1.11', sensorId: 701, locationId: 'LOC16-000701', cross: '6TH ST' },
  { reader: 'lamar_mlk', ip: '10.66.1.12', sensorId: 702, locationId: 'LOC16-000702', cross: 'MLK BLVD' },
];

function knackObjects() {
  const sensors = [
    ...SHARE_READERS.map((reader, index) => sensorRecord(`s${index + 1}`, reader)),
    sensorRecord('s9', { type: 'WAVETRONIX', reader: 'not_a_bt_reader', sensorId: 709, locationId: 'LOC16-000701' }),
  ];
  const locations = SHARE_READERS.map((reader, index) =>
    locationRecord(`l${index + 1}`, { locationId: reader.locationId, primary: 'LAMAR BLVD', cross: reader.cross, point: { latitude: '30.27', longitude: '-97.75' } }),
  );
  return [sensorsObject(sensors), locationsObject(locations)];
}

export class ProductionServices {
  private constructor(
    readonly s3: RunningS3rver,
    readonly soda: SodaDouble,
    readonly knack: KnackDouble,
    /** Environment of a `lake` that reaches these services (secrets included). */
    readonly env: Record<string, string>,
    private readonly revokeKey: () => void,
  ) {}

  /** `secrets` must hold AWS_SECRET_ACCESS_KEY, SOCRATA_PASSWORD and KNACK_API_KEY. */
  static async start(secrets: Record<string, string>): Promise<ProductionServices> {
    const s3 = await startS3rver([...PRODUCTION_BUCKETS, ...DEBUG_BUCKETS]);
    // s3rver knows one key pair; the lake gets a key of its own so the id it sends is checked
    // against what the environment gave it (s3rver checks the key id, not SigV4 signatures).
    const accessKeyId = distinctiveSecret('AKIALAKE').toUpperCase();
    const account = s3rverAccount();
    account.createKeyPair(accessKeyId, secrets.AWS_SECRET_ACCESS_KEY);
    const soda = await SodaDouble.start({ username: SODA_USER, password: secrets.SOCRATA_PASSWORD });
    const knack = await new KnackDouble({ appId: KNACK_APP_ID, apiKey: secrets.KNACK_API_KEY, objects: knackObjects() }).start();
    const env = { ...secrets, AWS_ACCESS_KEY_ID: accessKeyId, SOCRATA_USER: SODA_USER, KNACK_APP_ID };
    const services = new ProductionServices(s3, soda, knack, env, () => account.revokeAccessKey(accessKeyId));
    await services.reset();
    return services;
  }

  /** Empty buckets, empty datasets, forgotten requests: a world no run has touched. */
  async reset(): Promise<void> {
    const driver = this.s3.driver();
    for (const bucket of [...PRODUCTION_BUCKETS, ...DEBUG_BUCKETS]) {
      for (const key of await keysOf(driver.list(bucket))) await driver.delete(bucket, key);
    }
    for (const dataset of [...Object.values(DATASETS), ...Object.values(DEBUG_DATASETS)]) this.soda.addDataset(dataset, 'record_id');
    this.soda.requests.length = 0;
    this.knack.requests.length = 0;
  }

  /** Every key of a bucket, sorted. */
  async keys(bucket: string): Promise<string[]> {
    return (await keysOf(this.s3.driver().list(bucket))).sort();
  }

  /** Every object of every lake bucket as `bucket/key` → size and modification time. */
  async inventory(): Promise<Record<string, string>> {
    const driver = this.s3.driver();
    const listed: Record<string, string> = {};
    for (const bucket of [...PRODUCTION_BUCKETS, ...DEBUG_BUCKETS]) {
      for await (const object of driver.list(bucket)) listed[`${bucket}/${object.key}`] = `${object.size}@${object.modified.toISOString()}`;
    }
    return listed;
  }

  async read(bucket: string, key: string): Promise<Buffer> {
    return bytesOf(await this.s3.driver().read(bucket, key));
  }

  rows(dataset: string): SodaRow[] {
    return this.soda.rowsById(dataset);
  }

  async stop(): Promise<void> {
    this.revokeKey();
    await Promise.allSettled([this.s3.stop(), this.soda.close(), this.knack.stop()]);
  }
}

interface S3rverAccount {
  createKeyPair(accessKeyId: string, secretAccessKey: string): void;
  revokeAccessKey(accessKeyId: string): void;
}

/** s3rver's built-in account (it has no option for more keys). */
function s3rverAccount(): S3rverAccount {
  return (require('s3rver/lib/models/account') as { DUMMY_ACCOUNT: S3rverAccount }).DUMMY_ACCOUNT;
}
