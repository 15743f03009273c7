// `npm run bench`: throughput and memory of the embedded default on this machine. Prints figures;
// asserts nothing (tests never time anything). Then the Bluetooth stages on a generated day
// (tools/bench/bluetooth.js) and the GRIDSMART stages on a generated day (tools/bench/gridsmart.js);
// arguments are passed on to both, e.g. `npm run bench -- --big`.
const { mkdtempSync, rmSync } = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { Readable } = require('node:stream');
const { LakeTime, SqliteCatalogDriver, Catalog, LocalStorageDriver, silentLogger } = require('@lake/core');
const { benchBluetooth } = require('./bluetooth');
const { benchGridsmart } = require('./gridsmart');

const MB = 1024 * 1024;

async function benchCatalog(home, time) {
  const driver = SqliteCatalogDriver.open(path.join(home, 'lake.sqlite'), time);
  const catalog = new Catalog(driver, { time, log: silentLogger });
  const rows = 50_000;
  const start = time.dayStart('2010-01-01');
  let t = process.hrtime.bigint();
  for (let day = 0; day < rows / 10; day++) {
    const date = time.addDays(start, day);
    for (let n = 0; n < 10; n++) {
      catalog.stage({ repository: 'bench', dataSource: 'bt', base: 'Austin', ext: `f${n}.json`, pointer: `k/${day}/${n}`, collectionDate: date });
    }
    await catalog.commit();
  }
  const upsertSeconds = Number(process.hrtime.bigint() - t) / 1e9;
  t = process.hrtime.bigint();
  let read = 0;
  for await (const _ of catalog.query({ repository: 'bench', dataSource: 'bt' })) read++;
  const querySeconds = Number(process.hrtime.bigint() - t) / 1e9;
  await catalog.close();
  console.log(`catalog (sqlite): ${rows} rows staged+committed per day in ${upsertSeconds.toFixed(2)} s (${Math.round(rows / upsertSeconds)} rows/s); read back ${read} rows in ${querySeconds.toFixed(2)} s (${Math.round(read / querySeconds)} rows/s)`);
}

async function benchStorage(home) {
  const driver = new LocalStorageDriver(home);
  const size = 256 * MB;
  const chunk = Buffer.alloc(MB, 0x61);
  let sent = 0;
  const body = new Readable({
    read() {
      if (sent >= size) return this.push(null);
      sent += chunk.length;
      this.push(chunk);
    },
  });
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const t = process.hrtime.bigint();
  await driver.write('bench', 'big/file.bin', body);
  let readBytes = 0;
  for await (const part of await driver.read('bench', 'big/file.bin')) readBytes += part.length;
  clearInterval(timer);
  const seconds = Number(process.hrtime.bigint() - t) / 1e9;
  console.log(`storage (local): wrote and read back ${size / MB} MB in ${seconds.toFixed(2)} s; RSS grew ${((peak - rssBefore) / MB).toFixed(1)} MB at peak (streamed, so it must not approach the file size); read ${readBytes / MB} MB`);
}

(async () => {
  const home = mkdtempSync(path.join(os.tmpdir(), 'lake-bench-'));
  try {
    const time = new LakeTime();
    await benchCatalog(home, time);
    await benchStorage(home);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
  await benchBluetooth(process.argv.slice(2));
  await benchGridsmart(process.argv.slice(2));
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
