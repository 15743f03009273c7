// Core's Publisher buffering rows for the socrata driver: the request count per row count of
// publishing.md §7, the resulting dataset, and what a failed chunk leaves behind.
import { MemoryLogger, Publisher, type PublishRow } from '@lake/core';
import { SodaDouble } from './test-support/soda-double';
import { DATASET, ROW_ID, countRows, driverFor } from './test-support/socrata-fixtures';

describe('Publisher over the socrata driver', () => {
  let double: SodaDouble;

  beforeEach(async () => {
    double = await SodaDouble.start();
    double.addDataset(DATASET, ROW_ID);
  });

  afterEach(() => double.close());

  function publisherFor(): Publisher {
    const { driver } = driverFor(double);
    return new Publisher({ driver, dataset: DATASET, idColumn: ROW_ID, log: new MemoryLogger() });
  }

  async function publish(rows: PublishRow[], publisher = publisherFor()): Promise<Publisher> {
    for (const row of rows) await publisher.add(row);
    await publisher.flush();
    await publisher.close();
    return publisher;
  }

  it.each([
    [0, []],
    [1, [1]],
    [10_000, [10_000]],
    [10_001, [10_000, 1]],
    [25_000, [10_000, 10_000, 5000]],
  ])('publishes %i rows in requests of %j rows, and the dataset holds exactly them', async (count, requests) => {
    const rows = countRows(count);
    const publisher = await publish(rows);
    expect(double.upserts.map((request) => request.rows)).toEqual(requests);
    expect(publisher.rowsWritten).toBe(count);
    expect(double.rowsById(DATASET)).toEqual(rows);
  });

  it('leaves the dataset as it was when a file is published again', async () => {
    await publish(countRows(10_001));
    const first = double.rowsById(DATASET);
    await publish(countRows(10_001));
    expect(double.rowsById(DATASET)).toEqual(first);
    expect(double.upserts.map((request) => request.rows)).toEqual([10_000, 1, 10_000, 1]);
  });

  it('keeps the rows of a chunk Socrata reported errors for, and sends them again on the next flush', async () => {
    const publisher = publisherFor();
    for (const row of countRows(5)) await publisher.add(row);
    double.failNext({ rowErrors: 1 });
    await expect(publisher.flush()).rejects.toMatchObject({ code: 'SOCRATA_ROW_ERRORS', message: expect.stringContaining(DATASET) });
    expect(publisher.pending).toBe(5);
    expect(publisher.rowsWritten).toBe(0);
    expect(double.rows(DATASET)).toHaveLength(4); // the rows without errors were applied

    await publisher.flush();
    expect(publisher.pending).toBe(0);
    expect(double.rowsById(DATASET)).toEqual(countRows(5));
  });

  it('keeps the rows of an automatic flush that failed, and the rows added since', async () => {
    const { driver } = driverFor(double);
    const publisher = new Publisher({ driver, dataset: DATASET, idColumn: ROW_ID, chunkSize: 3, log: new MemoryLogger() });
    const rows = countRows(4);
    await publisher.add(rows[0]);
    await publisher.add(rows[1]);
    double.failNext({ status: 500 }, 4); // every attempt of the automatic flush
    await expect(publisher.add(rows[2])).rejects.toMatchObject({ code: 'HTTP_500' });
    await publisher.add(rows[3]);
    await publisher.close();
    expect(double.rowsById(DATASET)).toEqual(rows);
  });
});
