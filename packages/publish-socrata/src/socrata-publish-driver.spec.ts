import { SocrataPublishDriver } from './socrata-publish-driver';
import { soqlRange } from './soql';
import { SodaDouble } from './test-support/soda-double';
import { APP_TOKEN, DATASET, ROW_ID, countRows, driverFor, settingsFor } from './test-support/socrata-fixtures';

describe('SocrataPublishDriver', () => {
  let double: SodaDouble;

  beforeEach(async () => {
    double = await SodaDouble.start();
    double.addDataset(DATASET, ROW_ID);
  });

  afterEach(() => double.close());

  describe('write', () => {
    it('prefers chunks of 10 000 rows unless chunkSize says otherwise', () => {
      expect(driverFor(double).driver.preferredChunk).toBe(10_000);
      expect(driverFor(double, { chunkSize: '500' }).driver.preferredChunk).toBe(500);
    });

    it('sends nothing for no rows', async () => {
      const { driver } = driverFor(double);
      expect(await driver.write(DATASET, [])).toEqual({ created: 0, updated: 0, deleted: 0 });
      expect(double.requests).toEqual([]);
    });

    it('creates the rows, with Basic auth and the app token, and returns the counters', async () => {
      const { driver } = driverFor(double);
      const rows = countRows(3);
      expect(await driver.write(DATASET, rows, { idColumn: ROW_ID })).toEqual({ created: 3, updated: 0, deleted: 0 });
      expect(double.rowsById(DATASET)).toEqual(rows);
      expect(double.requests).toEqual([expect.objectContaining({ method: 'POST', dataset: DATASET, rows: 3, appToken: APP_TOKEN, user: double.username, status: 200 })]);
    });

    it('sends keys as given and null for NaN and infinities, never a bare NaN', async () => {
      const { driver } = driverFor(double);
      await driver.write(DATASET, [{ record_id: 'a', Speed: NaN, volume: Infinity, occupancy: -Infinity, nested: { v: NaN }, ok: 1.5 }]);
      // The double parses strictly: a bare NaN would have been a 400.
      expect(double.rows(DATASET)).toEqual([{ record_id: 'a', Speed: null, volume: null, occupancy: null, nested: { v: null }, ok: 1.5 }]);
    });

    it('leaves the dataset unchanged when the same rows are published again', async () => {
      const { driver } = driverFor(double);
      const rows = countRows(50);
      await driver.write(DATASET, rows);
      const first = double.rowsById(DATASET);
      expect(await driver.write(DATASET, rows)).toEqual({ created: 0, updated: 50, deleted: 0 });
      expect(double.rowsById(DATASET)).toEqual(first);
      expect(first).toHaveLength(50);
    });

    it('updates rows whose values changed and creates the new ones', async () => {
      const { driver } = driverFor(double);
      await driver.write(DATASET, countRows(4));
      expect(await driver.write(DATASET, countRows(6, { volume: 10 }).slice(2))).toEqual({ created: 2, updated: 2, deleted: 0 });
      expect(double.rowsById(DATASET).map((row) => row.volume)).toEqual([0, 1, 20, 30, 40, 50]);
    });

    it('splits more rows than a chunk into several requests and sums their counters', async () => {
      const { driver } = driverFor(double, { chunkSize: 4 });
      await driver.write(DATASET, countRows(2));
      expect(await driver.write(DATASET, countRows(10))).toEqual({ created: 8, updated: 2, deleted: 0 });
      expect(double.upserts.map((request) => request.rows)).toEqual([2, 4, 4, 2]);
      expect(double.rows(DATASET)).toHaveLength(10);
    });

    it('fails with SOCRATA_ROW_ERRORS naming the dataset and the counts when a row fails', async () => {
      const { driver } = driverFor(double);
      double.failNext({ rowErrors: 1 });
      const failure = await driver.write(DATASET, countRows(3)).catch((error: unknown) => error);
      expect(failure).toMatchObject({ code: 'SOCRATA_ROW_ERRORS', dataset: DATASET, counts: { created: 2, updated: 0, deleted: 0, errors: 1 } });
      expect((failure as Error).message).toBe(`Socrata dataset ${DATASET} reported 1 row error (created 2, updated 0, deleted 0)`);
    });

    it('fails on a top-level error, with its message', async () => {
      const { driver } = driverFor(double);
      double.failNext({ error: 'Unrecognized column speed' });
      await expect(driver.write(DATASET, countRows(1))).rejects.toMatchObject({
        code: 'SOCRATA_ROW_ERRORS',
        message: expect.stringContaining('Unrecognized column speed'),
      });
      expect(double.rows(DATASET)).toEqual([]);
    });

    it('stops at the first chunk that fails and does not send the rest', async () => {
      const { driver } = driverFor(double, { chunkSize: 2 });
      double.failNext({ answer: { 'Rows Created': 2, Errors: 0 } });
      double.failNext({ rowErrors: 2 });
      await expect(driver.write(DATASET, countRows(6))).rejects.toMatchObject({ code: 'SOCRATA_ROW_ERRORS' });
      expect(double.upserts).toHaveLength(2);
    });

    it('refuses an answer without counters', async () => {
      const { driver } = driverFor(double);
      double.failNext({ answer: ['not', 'counters'] });
      await expect(driver.write(DATASET, countRows(1))).rejects.toMatchObject({ code: 'SOCRATA_UNEXPECTED_ANSWER' });
      double.failNext({ answer: { status: 'ok' } });
      await expect(driver.write(DATASET, countRows(1))).rejects.toMatchObject({ code: 'SOCRATA_UNEXPECTED_ANSWER' });
    });

    it('retries 429 answers, waiting at least what Retry-After asks, then writes once', async () => {
      const { driver, waits, log } = driverFor(double, { backoffMs: 10 });
      double.failNext({ status: 429, retryAfterSeconds: 2 }, 2);
      expect(await driver.write(DATASET, countRows(5))).toEqual({ created: 5, updated: 0, deleted: 0 });
      expect(double.upserts.map((request) => request.status)).toEqual([429, 429, 200]);
      expect(waits).toEqual([2000, 2000]);
      expect(double.rows(DATASET)).toHaveLength(5);
      expect(log.text()).toContain('answered 429');
      expect(double.requests.every((request) => request.appToken === APP_TOKEN)).toBe(true);
    });

    it('retries a 500 with a doubling backoff, and gives up after the configured attempts', async () => {
      const { driver, waits } = driverFor(double, { backoffMs: 10, attempts: 3 });
      double.failNext({ status: 500 });
      await driver.write(DATASET, countRows(1));
      expect(double.rows(DATASET)).toHaveLength(1);
      double.failNext({ status: 500 }, 3);
      await expect(driver.write(DATASET, countRows(2, { from: 1 }))).rejects.toMatchObject({ code: 'HTTP_500' });
      expect(waits).toEqual([10, 10, 20]);
      expect(double.rows(DATASET)).toHaveLength(1);
    });

    it('says the credentials were refused on 401, naming neither password nor token', async () => {
      const { driver, log } = driverFor(double, { password: 'wrong-password-456' });
      const failure = (await driver.write(DATASET, countRows(1)).catch((error: unknown) => error)) as Error & { code: string; hint: string };
      expect(failure).toMatchObject({ code: 'SOCRATA_AUTH', exitCode: 2 });
      expect(failure.message).toBe(`Socrata refused the credentials of user publisher (HTTP 401) for dataset ${DATASET}`);
      const shown = `${failure.message} ${failure.hint} ${failure.stack} ${log.text()}`;
      expect(shown).not.toContain('wrong-password-456');
      expect(shown).not.toContain(Buffer.from('publisher:wrong-password-456').toString('base64'));
      expect(shown).not.toContain(APP_TOKEN);
      expect(double.upserts).toHaveLength(1); // a 401 is not retried
    });

    it('keeps the password and token out of the messages of other failures and of the log', async () => {
      const password = double.password;
      const { driver, log } = driverFor(double, { attempts: 2, backoffMs: 1 });
      double.failNext({ status: 500 }, 2);
      const failure = (await driver.write(DATASET, countRows(1)).catch((error: unknown) => error)) as Error;
      double.failNext({ error: `bad row sent by ${double.username}:${password} with token ${APP_TOKEN}` });
      const echoed = (await driver.write(DATASET, countRows(1)).catch((error: unknown) => error)) as Error;
      expect(echoed.message).toContain('bad row sent by publisher:*** with token ***');
      for (const text of [failure.message, echoed.message, log.text()]) {
        expect(text).not.toContain(password);
        expect(text).not.toContain(APP_TOKEN);
      }
    });

    it('fails with a hint when the portal cannot be reached', async () => {
      await double.close();
      const { driver } = driverFor(double, { attempts: 1 });
      await expect(driver.write(DATASET, countRows(1))).rejects.toMatchObject({ code: 'SERVICE_UNREACHABLE', hint: expect.stringContaining('reachable') });
    });

    it('refuses a dataset id that is not a 4x4 before sending anything', async () => {
      const { driver } = driverFor(double);
      for (const dataset of ['sh59i6y9', 'SH59-I6Y9', '../x-abcd', 'sh59-i6y9.json', '']) {
        await expect(driver.write(dataset, countRows(1))).rejects.toMatchObject({ code: 'INVALID_DATASET_ID', message: `"${dataset}" is not a Socrata dataset id` });
      }
      await expect(driver.delete('nope', ROW_ID, ['a'])).rejects.toMatchObject({ code: 'INVALID_DATASET_ID' });
      await expect(driver.readIds('nope', ROW_ID)).rejects.toMatchObject({ code: 'INVALID_DATASET_ID' });
      expect(double.requests).toEqual([]);
    });

    it('answers a dataset the portal does not have with its 404', async () => {
      const { driver } = driverFor(double);
      await expect(driver.write('zzzz-9999', countRows(1))).rejects.toMatchObject({ code: 'HTTP_404', message: expect.stringContaining('zzzz-9999') });
    });
  });

  describe('delete', () => {
    it('sends { <id>: id, ":deleted": true } rows in chunks and removes those rows', async () => {
      const { driver } = driverFor(double, { chunkSize: 3 });
      await driver.write(DATASET, countRows(8));
      const ids = ['r000001', 'r000002', 'r000003', 'r000005', 'r000007'];
      expect(await driver.delete(DATASET, ROW_ID, ids)).toEqual({ created: 0, updated: 0, deleted: 5 });
      expect(double.rowsById(DATASET).map((row) => row.record_id)).toEqual(['r000000', 'r000004', 'r000006']);
      expect(double.upserts.slice(-2).map((request) => [request.rows, request.deletes])).toEqual([
        [3, 3],
        [2, 2],
      ]);
    });

    it('deletes nothing for no ids and warns about ids the dataset lacks', async () => {
      const { driver, log } = driverFor(double);
      await driver.write(DATASET, countRows(2));
      expect(await driver.delete(DATASET, ROW_ID, [])).toEqual({ created: 0, updated: 0, deleted: 0 });
      expect(double.upserts).toHaveLength(1);
      expect(await driver.delete(DATASET, ROW_ID, ['r000000', 'gone'])).toEqual({ created: 0, updated: 0, deleted: 1 });
      expect(log.text()).toContain(`WARN Socrata ${DATASET}: 1 of 2 row ids to delete were not in the dataset`);
    });

    it('fails when Socrata reports errors, e.g. an id column that is not the row identifier', async () => {
      const { driver } = driverFor(double);
      await driver.write(DATASET, countRows(2));
      await expect(driver.delete(DATASET, 'row_id', ['r000000'])).rejects.toMatchObject({ code: 'SOCRATA_ROW_ERRORS' });
      expect(double.rows(DATASET)).toHaveLength(2);
    });

    it('fails when a delete created or updated rows', async () => {
      const { driver } = driverFor(double);
      double.failNext({ answer: { 'Rows Created': 1, 'Rows Updated': 0, 'Rows Deleted': 0, Errors: 0 } });
      await expect(driver.delete(DATASET, ROW_ID, ['x'])).rejects.toMatchObject({ code: 'SOCRATA_DELETE_WROTE_ROWS' });
    });

    it('refuses an id column that is not a field name', async () => {
      const { driver } = driverFor(double);
      await expect(driver.delete(DATASET, 'record_id, x', ['a'])).rejects.toMatchObject({ code: 'INVALID_COLUMN_NAME' });
    });
  });

  describe('readIds', () => {
    beforeEach(async () => {
      await driverFor(double).driver.write(DATASET, countRows(24));
    });

    it('reads the ids of a half-open floating timestamp range, page by page, in id order', async () => {
      const { driver } = driverFor(double);
      const ids = await driver.readIds(DATASET, ROW_ID, { where: soqlRange('read_date', '2020-10-01T05:00:00', '2020-10-01T12:00:00'), pageSize: 3 });
      expect(ids).toEqual(['r000005', 'r000006', 'r000007', 'r000008', 'r000009', 'r000010', 'r000011']);
      const queries = double.requests.filter((request) => request.method === 'GET');
      expect(queries.map((request) => request.query.$offset)).toEqual(['0', '3', '6']);
      expect(queries[0].query).toEqual({
        $select: ROW_ID,
        $where: "read_date >= '2020-10-01T05:00:00' and read_date < '2020-10-01T12:00:00'",
        $order: ROW_ID,
        $limit: '3',
        $offset: '0',
      });
    });

    it('accepts a between condition and an order of its own', async () => {
      const { driver } = driverFor(double);
      const where = "read_date between '2020-10-01T20:00:00' and '2020-10-01T22:00:00'";
      expect(await driver.readIds(DATASET, ROW_ID, { where, order: 'volume desc' })).toEqual(['r000022', 'r000021', 'r000020']);
    });

    it('reads every id without a condition, and the ids read can then be deleted', async () => {
      const { driver } = driverFor(double);
      const ids = await driver.readIds(DATASET, ROW_ID, { pageSize: 24 });
      expect(ids).toHaveLength(24);
      expect(double.requests.filter((request) => request.method === 'GET')).toHaveLength(2); // a full page asks for one more
      await driver.delete(DATASET, ROW_ID, ids);
      expect(double.rows(DATASET)).toEqual([]);
    });

    it('refuses a page size that would never advance', async () => {
      const { driver } = driverFor(double);
      await expect(driver.readIds(DATASET, ROW_ID, { pageSize: 0 })).rejects.toMatchObject({ code: 'USAGE' });
    });

    it('reports a malformed query with the portal answer', async () => {
      const { driver } = driverFor(double);
      await expect(driver.readIds(DATASET, ROW_ID, { where: 'read_date like "x"' })).rejects.toMatchObject({ code: 'HTTP_400' });
    });
  });

  it('opens through its settings with the HTTPS URL of a host', () => {
    const driver = new SocrataPublishDriver({ ...settingsFor(double), baseUrl: undefined, host: 'data.austintexas.gov' });
    expect(driver.settings).toEqual({ baseUrl: 'https://data.austintexas.gov', username: 'publisher', chunkSize: 10_000, timeoutMs: 120_000, attempts: 4, backoffMs: 1000 });
    expect(JSON.stringify(driver.settings)).not.toContain(double.password);
  });
});
