// A child process for the multi-process catalog test: writes `batches` batches of `batchSize`
// rows under its own base name, reading the catalog between writes, then prints a JSON summary.
// Usage: concurrent-catalog-writer.ts <database file> <writer name> <batches> <batch size>
import { SqliteCatalogDriver } from '../catalog/sqlite-catalog-driver';
import { LakeTime } from '../time/lake-time';
import type { CatalogEntry } from '../catalog/catalog-entry';

async function main(): Promise<void> {
  const [file, writer, batchesText, batchSizeText] = process.argv.slice(2);
  const batches = Number(batchesText);
  const batchSize = Number(batchSizeText);
  const time = new LakeTime('America/Chicago');
  const driver = SqliteCatalogDriver.open(file, time);
  const start = time.dayStart('2020-01-01');
  let reads = 0;
  for (let batch = 0; batch < batches; batch++) {
    const rows: CatalogEntry[] = [];
    for (let item = 0; item < batchSize; item++) {
      const index = batch * batchSize + item;
      rows.push({
        repository: 'atd-datalake-raw',
        dataSource: 'bt',
        base: writer,
        ext: 'json',
        pointer: `${writer}/${index}.json`,
        collectionDate: new Date(start.getTime() + index * 60_000),
      });
    }
    await driver.upsert(rows);
    for await (const row of driver.query({ repository: 'atd-datalake-raw', dataSource: 'bt', reverse: true, limit: 5 })) {
      if (row.pointer) reads++;
    }
  }
  await driver.close();
  process.stdout.write(JSON.stringify({ writer, written: batches * batchSize, reads }));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
