// `npm run bench` (Bluetooth part): generates a realistic day of AWAM files (a 40 MB / ~435k-row
// IAF and a 7 MB ITMF; `--big` makes the IAF 400 MB), runs bt:insert, bt:standard and bt:ready on
// an embedded lake, each in its own child process, and prints MB/s of stage input and the child's
// peak RSS (VmHWM) next to a floor measured in the same run: a child that only copies the same
// input bytes through a stream. Prints figures; asserts nothing.
//
//   node tools/bench/bluetooth.js [--big] [--shuffled] [--keep]
//     --big       IAF of 400 MB instead of 40 MB (peak RSS must stay the same)
//     --shuffled  IAF rows in random order (ready must fall back to its external merge sort)
//     --keep      keep the temp folder (its path is printed)
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pipeline } = require('node:stream/promises');

const MB = 1e6;
const MIB = 1024 * 1024;
const DAY = '2019-06-03';
const DAY_AFTER = '2019-06-04';

// ---------------------------------------------------------------- data generation (deterministic)

/** A small LCG: the same files on every run. */
function generator(seed) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

const STREETS = ['lamar', 'congress', 'guadalupe', 'burnet', 'airport', 'riverside', 'cesar_chavez', 'mlk', 'manor', 'springdale', 'slaughter', 'william_cannon', 'anderson_mill', 'parmer', 'braker', 'rundberg', 'koenig', 'north_loop', 'ben_white', 'oltorf'];
const CROSSES = ['6th', '5th', '38th', '45th', 'riverside', 'manchaca', 'brodie', 'mopac', 'i35', 'pleasant_valley', 'parker', 'metric'];

/** ~90 readers, as the city runs. */
function readers() {
  const random = generator(7);
  const list = [];
  for (let n = 0; list.length < 90; n++) {
    const name = `${STREETS[n % STREETS.length]}_${CROSSES[Math.floor(random() * CROSSES.length)]}`;
    if (list.some((reader) => reader.name === name)) continue;
    list.push({ name, ip: `172.16.${130 + (list.length >> 5)}.${10 + list.length}`, lat: 30.2 + random() * 0.2, lon: -97.8 + random() * 0.15 });
  }
  return list;
}

function awamTime(day, secondsOfDay) {
  const [year, month, date] = day.split('-').map(Number);
  const hour24 = Math.floor(secondsOfDay / 3600);
  const minute = Math.floor((secondsOfDay % 3600) / 60);
  const second = secondsOfDay % 60;
  const hour12 = hour24 % 12 === 0 ? 12 : hour24 % 12;
  return `${month}/${date}/${year} ${hour12}:${String(minute).padStart(2, '0')}:${String(second).padStart(2, '0')} ${hour24 < 12 ? 'AM' : 'PM'}`;
}

/** A hashed MAC address the way AWAM writes them: 22 base64 characters. */
function deviceAddresses(count, random) {
  return Array.from({ length: count }, () => {
    const bytes = Buffer.alloc(16);
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(random() * 256);
    return bytes.toString('base64').slice(0, 22);
  });
}

/** Daily traffic shape: quiet at night, peaks at 8:00 and 17:00. */
function secondOfRow(fraction) {
  const curve = (s) => 0.2 + Math.exp(-(((s - 8 * 3600) / 5400) ** 2)) + Math.exp(-(((s - 17 * 3600) / 7200) ** 2)) + 0.6 * Math.sin((Math.PI * s) / 86_400);
  // Invert the cumulative curve by a coarse table built once.
  if (!secondOfRow.table) {
    const table = [];
    let sum = 0;
    for (let s = 0; s < 86_400; s++) table.push((sum += curve(s)));
    secondOfRow.table = table.map((value) => value / sum);
  }
  const table = secondOfRow.table;
  let low = 0;
  let high = table.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (table[mid] < fraction) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Writes `rows` lines made by `line(n)` in 1 MB pieces; returns the bytes written. */
async function writeLines(file, rows, line) {
  const out = fs.createWriteStream(file);
  let piece = '';
  let bytes = 0;
  for (let n = 0; n < rows; n++) {
    piece += line(n) + '\r\n';
    if (piece.length > MIB) {
      bytes += Buffer.byteLength(piece);
      if (!out.write(piece)) await new Promise((resolve) => out.once('drain', resolve));
      piece = '';
    }
  }
  bytes += Buffer.byteLength(piece);
  out.end(piece);
  await new Promise((resolve, reject) => out.on('finish', resolve).on('error', reject));
  return bytes;
}

/** IAF: host time order (several rows per second, readers in any order within it), as AWAM writes. */
async function writeIaf(file, rows, readerList, shuffled) {
  const random = generator(20190603);
  const addresses = deviceAddresses(Math.max(1000, Math.round(rows / 4)), random);
  let order = null;
  if (shuffled) {
    order = Uint32Array.from({ length: rows }, (_, n) => n);
    for (let n = rows - 1; n > 0; n--) {
      const other = Math.floor(random() * (n + 1));
      [order[n], order[other]] = [order[other], order[n]];
    }
  }
  return writeLines(file, rows, (index) => {
    const n = order ? order[index] : index;
    const seconds = secondOfRow((n + 0.5) / rows);
    const reader = readerList[Math.floor(random() * readerList.length)];
    // A few phones are seen all day; most only a few times.
    const address = addresses[Math.floor(random() ** 2 * addresses.length)];
    return `${awamTime(DAY, seconds)},${reader.ip},${awamTime(DAY, Math.max(0, seconds - Math.floor(random() * 3)))},${reader.name},${address}`;
  });
}

/** ITMF: written when a match completes, so in end-time order (start times out of order). */
async function writeItmf(file, rows, readerList) {
  const random = generator(20190604);
  const addresses = deviceAddresses(rows, random);
  return writeLines(file, rows, (n) => {
    const end = secondOfRow((n + 0.5) / rows);
    const travel = 30 + Math.floor(random() * 900);
    const start = Math.max(0, end - travel);
    const origin = readerList[Math.floor(random() * readerList.length)];
    const dest = readerList[Math.floor(random() * readerList.length)];
    const speed = ((0.4 + random() * 2) / travel) * 3600;
    return `${addresses[n]},${origin.name},${dest.name},${awamTime(DAY, start)},${awamTime(DAY, end)},${travel},${speed.toFixed(2)},${random() < 0.9 ? 'Y' : 'N'},${1 + Math.floor(random() * 3)}`;
  });
}

function unitDataFile(readerList) {
  return JSON.stringify({
    header: { data_type: 'bt_unit_data' },
    devices: readerList.map((reader, index) => ({
      device_type: 'BLUETOOTH',
      atd_device_id: 700 + index,
      device_name: reader.name,
      device_status: 'TURNED_ON',
      device_ip: reader.ip,
      ip_comm_status: 'ONLINE',
      atd_location_id: `LOC16-${String(100 + index).padStart(6, '0')}`,
      coa_intersection_id: 5150100 + index,
      lat: Number(reader.lat.toFixed(7)),
      lon: Number(reader.lon.toFixed(7)),
      primary_st: reader.name.split('_')[0].toUpperCase(),
      primary_st_segment_id: 2010100 + index,
      cross_st: reader.name.split('_').slice(1).join(' ').toUpperCase(),
      cross_st_segment_id: 2010200 + index,
      kits_id: null,
    })),
  });
}

function awamName(infix, day) {
  const [year, month, date] = day.split('-');
  return `Austin_${infix}_${month}-${date}-${year}.txt`;
}

// ---------------------------------------------------------------- child side: one measured task

function peakRss() {
  const status = fs.readFileSync('/proc/self/status', 'utf8');
  const match = /VmHWM:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) * 1024 : process.memoryUsage().rss;
}

function openLake(work) {
  const { Lake, MemoryLogger } = require('@lake/core');
  return new Lake({ home: path.join(work, 'lake'), log: new MemoryLogger(), config: { unitData: { driver: 'file', path: path.join(work, 'unit-data') } } });
}

/** Runs one stage (or the copy floor) and reports seconds and peak RSS on stdout as JSON. */
async function child(task, work, inputs) {
  // Loaded in every child, so the floor's baseline memory is that of a lake process too.
  const { runStage } = require('@lake/core');
  const bluetooth = require('@lake/source-bluetooth');
  const started = process.hrtime.bigint();
  let result = null;
  if (task === 'copy') {
    for (const input of inputs) await pipeline(fs.createReadStream(input), fs.createWriteStream(path.join(work, 'copy.tmp')));
  } else {
    const lake = openLake(work);
    const stages = { 'bt:insert': bluetooth.BluetoothInsert, 'bt:standard': bluetooth.BluetoothStandard, 'bt:ready': bluetooth.BluetoothReady };
    const stage = new stages[task]();
    result = await runStage(stage, { startDate: DAY, endDate: DAY_AFTER, force: true, sourcedir: path.join(work, 'awam') }, lake);
    await lake.close();
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  process.stdout.write(JSON.stringify({ seconds, peakRss: peakRss(), items: result?.items ?? null, records: result?.records ?? null, failures: result?.failures?.length ?? 0 }));
}

// ---------------------------------------------------------------- parent side

function measure(task, work, inputs) {
  const output = execFileSync(process.execPath, [__filename, '--child', task, work, ...inputs], { encoding: 'utf8', maxBuffer: 16 * MIB });
  return JSON.parse(output);
}

function storedFiles(work, purpose, suffixes) {
  const repository = openLake(work).repository(purpose);
  const found = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (suffixes.some((suffix) => entry.name.endsWith(suffix))) found.push(full);
    }
  };
  walk(path.join(work, 'lake', repository));
  return found.sort();
}

const size = (files) => files.reduce((sum, file) => sum + fs.statSync(file).size, 0);

function row(label, inputBytes, figures, floor = null) {
  const rate = inputBytes / MB / figures.seconds;
  const share = floor ? `${((rate / floor) * 100).toFixed(0)}% of floor` : '';
  return [label, `${(inputBytes / MB).toFixed(1)} MB`, `${figures.seconds.toFixed(2)} s`, `${rate.toFixed(1)} MB/s`, share, `${(figures.peakRss / MIB).toFixed(0)} MiB`, figures.records ?? ''];
}

function printTable(rows) {
  const header = ['step', 'input', 'time', 'throughput', '', 'peak RSS', 'records'];
  const all = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...all.map((cells) => String(cells[column]).length)));
  for (const cells of all) console.log(cells.map((cell, column) => String(cell).padEnd(widths[column])).join('  '));
}

async function benchBluetooth(argv = process.argv.slice(2)) {
  const big = argv.includes('--big');
  const shuffled = argv.includes('--shuffled');
  const keep = argv.includes('--keep');
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lake-bench-bt-'));
  try {
    const awam = path.join(work, 'awam');
    fs.mkdirSync(awam);
    fs.mkdirSync(path.join(work, 'unit-data'));
    const readerList = readers();
    fs.writeFileSync(path.join(work, 'unit-data', 'Austin_bt_unit_data.json'), unitDataFile(readerList));
    const iafRows = big ? 4_350_000 : 435_000;
    const iaf = path.join(awam, awamName('bt', DAY));
    const itmf = path.join(awam, awamName('btmatch', DAY));
    let t = Date.now();
    const iafBytes = await writeIaf(iaf, iafRows, readerList, shuffled);
    const itmfBytes = await writeItmf(itmf, 58_000, readerList);
    console.log(`bluetooth: generated IAF ${(iafBytes / MB).toFixed(1)} MB (${iafRows} rows${shuffled ? ', shuffled' : ''}) and ITMF ${(itmfBytes / MB).toFixed(1)} MB in ${((Date.now() - t) / 1000).toFixed(1)} s${keep ? ` in ${work}` : ''}`);

    const rawInputs = [iaf, itmf];
    const rows = [];
    let floor = null;
    const step = (label, inputs, task, taskInputs = []) => {
      const figures = measure(task, work, taskInputs);
      if (figures.failures > 0) throw new Error(`${label}: ${figures.failures} items failed`);
      rows.push(row(label, size(inputs), figures, task === 'copy' ? null : floor));
      if (task === 'copy') floor = size(inputs) / MB / figures.seconds;
      if (process.stderr.isTTY) process.stderr.write(`  ${label} done\n`);
    };
    step('floor: copy raw', rawInputs, 'copy', rawInputs);
    step('bt:insert', rawInputs, 'bt:insert');
    step('bt:standard', rawInputs, 'bt:standard');
    const standardized = storedFiles(work, 'standardized', ['_unmatched.json', '_matched.json']);
    step('floor: copy standardized', standardized, 'copy', standardized);
    step('bt:ready', standardized, 'bt:ready');
    const ready = storedFiles(work, 'ready', ['_unmatched.json', '_matched.json']);
    console.log(`bluetooth: ${big ? '400 MB' : '40 MB'} IAF + 7 MB ITMF, one child process per step; input = the stage's input files; ready output ${(size(ready) / MB).toFixed(1)} MB`);
    printTable(rows);
    console.log('bluetooth: aims: bt:standard and bt:ready >= 40 MB/s of input, peak RSS <= 150 MiB at any file size (the original Python: ~15 s and ~300 MiB to standardize a 40 MB IAF)');
  } finally {
    if (!keep) fs.rmSync(work, { recursive: true, force: true });
  }
}

if (require.main === module) {
  if (process.argv[2] === '--child') {
    child(process.argv[3], process.argv[4], process.argv.slice(5)).catch((error) => {
      console.error(error);
      process.exit(1);
    });
  } else {
    benchBluetooth().catch((error) => {
      console.error(error);
      process.exit(1);
    });
  }
}

module.exports = { benchBluetooth };
