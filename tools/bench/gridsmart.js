// `npm run bench` (GRIDSMART part): generates one archived GRIDSMART day (one v8 camera on NTP,
// 8 vehicle zones, ZIP layout A: ~400k records, ~27 MB of CSV; `--big`: ~4M records, ~270 MB),
// imports it with gs:insert --sourcedir into an embedded lake, then runs gs:standard, gs:ready,
// gs:ready-agg and gs:publish, each in its own child process, and prints records, seconds, MB/s of
// the stage's input files, records/s and the child's peak RSS (VmHWM) next to a floor measured in
// the same run (a child that only copies the same input bytes). Prints figures; asserts nothing.
//
//   node tools/bench/gridsmart.js [--big] [--keep] [--max-rss-mib N] [--max-seconds N]
//     --big            ~4 million records instead of ~400 000
//     --keep           keep the scratch folder (its path is printed)
//     --max-rss-mib N  stop a stage whose RSS passes N MiB (default 1536; 0: no limit)
//     --max-seconds N  stop a stage that runs longer than N s (default 180; 0: no limit)
// gs:ready sorts the intersection-day through sorted runs in the run's temp dir (at most
// sources.gs.sortMemoryRecords records in memory): its peak RSS stays flat as the day grows, like
// the other stages', and it needs about the day's standardized size of free temp space.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { pipeline } = require('node:stream/promises');

const MB = 1e6;
const MIB = 1024 * 1024;
// A Tuesday far from a DST change: the lake zone (America/Chicago) is at UTC-05:00 all day.
const DAY = '2019-06-04';
const DAY_AFTER = '2019-06-05';
const UTC_OFFSET_MINUTES = -300;
const SCRATCH = path.join(__dirname, '.scratch');

// ---------------------------------------------------------------- data generation (deterministic)

/** A small LCG: the same files on every run. */
function generator(seed) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

const CAMERA = {
  base: 'Lamar_Koenig',
  street1: 'Lamar',
  street2: 'Koenig',
  ip: '10.66.30.11',
  mac: '00:30:53:26:e6:e1',
  lat: 30.3263,
  lon: -97.7261,
  inventory: { deviceId: 6548, locationId: 'LOC16-000390', primary: 'LAMAR BLVD', cross: 'KOENIG LN' },
};

/** 8 vehicle zones: through and left-turn zones of four approaches; `weight` is the share of the traffic. */
const ZONES = [
  ['Northbound', 'Straight', 0.22],
  ['Northbound', 'Left', 0.05],
  ['Southbound', 'Straight', 0.2],
  ['Southbound', 'Left', 0.05],
  ['Eastbound', 'Straight', 0.17],
  ['Eastbound', 'Left', 0.06],
  ['Westbound', 'Straight', 0.19],
  ['Westbound', 'Left', 0.06],
].map(([approach, turnType, weight], index) => {
  const id = `${index}a1b2c3d00004e5f8a9b1122334455${String(66 + index)}`;
  const guid = `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`;
  return { id, guid, approach, turnType, weight, freeflow: 30 + index * 1.37 };
});

/** Share of the day's volume by hour: quiet nights, two rush hours (as the demo sample). */
function dayProfile(hour) {
  const morning = Math.exp(-((hour - 8) ** 2) / 4);
  const evening = Math.exp(-((hour - 17.5) ** 2) / 5);
  return 0.04 + 0.96 * Math.max(morning, evening);
}

const THROUGH_TURNS = ['S', 'S', 'S', 'S', 'S', 'S', 'L', 'R'];
const LEFT_TURNS = ['L', 'L', 'L', 'U'];
const LIGHTS = ['G', 'G', 'G', 'G', 'G', 'G', 'Y', 'R'];

/** One v8 line: device-local time of day `HHMMSS.f`, its UTC offset, then the vehicle. */
function v8Line(tenthOfDay, zone, random) {
  const seconds = Math.floor(tenthOfDay / 10);
  const hhmmss = Math.floor(seconds / 3600) * 10_000 + Math.floor((seconds % 3600) / 60) * 100 + (seconds % 60);
  const turns = zone.turnType === 'Left' ? LEFT_TURNS : THROUGH_TURNS;
  const heavy = random() < 0.06;
  const length = heavy ? 18 + random() * 40 : 12 + random() * 5;
  const speed = 20 + random() * 28;
  const light = LIGHTS[Math.floor(random() * LIGHTS.length)];
  const lightSeconds = random() * 90;
  return [
    8,
    12,
    `${hhmmss}.${tenthOfDay % 10}`,
    UTC_OFFSET_MINUTES,
    turns[Math.floor(random() * turns.length)],
    length.toFixed(2),
    speed.toFixed(2),
    light,
    (0.6 + random() * 2.4).toFixed(1),
    1 + Math.floor(random() * 3),
    lightSeconds.toFixed(1),
    (light === 'G' ? lightSeconds : lightSeconds + 30).toFixed(1),
    zone.freeflow.toFixed(2),
    (zone.freeflow - 1.5 + random() * 3).toFixed(2),
  ].join(',');
}

/** Writes one zone's CSV of the day (time order) in 1 MiB pieces; returns [records, bytes]. */
async function writeZoneCsv(file, zone, totalRecords, random) {
  const hours = Array.from({ length: 24 }, (_, hour) => dayProfile(hour + 0.5));
  const hourSum = hours.reduce((sum, value) => sum + value, 0);
  const out = fs.createWriteStream(file);
  let piece = '';
  let bytes = 0;
  let records = 0;
  for (let hour = 0; hour < 24; hour++) {
    const count = Math.round((totalRecords * zone.weight * hours[hour]) / hourSum);
    const tenths = new Int32Array(count);
    for (let n = 0; n < count; n++) tenths[n] = hour * 36_000 + Math.floor(random() * 36_000);
    tenths.sort();
    for (const tenth of tenths) {
      piece += v8Line(tenth, zone, random) + '\r\n';
      records++;
      if (piece.length > MIB) {
        bytes += piece.length;
        if (!out.write(piece)) await new Promise((resolve) => out.once('drain', resolve));
        piece = '';
      }
    }
  }
  bytes += piece.length;
  out.end(piece);
  await new Promise((resolve, reject) => out.on('finish', resolve).on('error', reject));
  return [records, bytes];
}

/** The day's counts ZIP in layout A (`<MAC>/<day>/<guid>.csv`), built from CSVs on disk. */
async function writeCountsZip(zipFile, csvDir, totalRecords) {
  const { ZipFile } = require('yazl');
  const random = generator(20190604);
  const zip = new ZipFile();
  const macFolder = CAMERA.mac.replace(/:/g, '-');
  let records = 0;
  let csvBytes = 0;
  for (const zone of ZONES) {
    const csv = path.join(csvDir, `${zone.guid}.csv`);
    const [zoneRecords, zoneBytes] = await writeZoneCsv(csv, zone, totalRecords, random);
    records += zoneRecords;
    csvBytes += zoneBytes;
    // Fixed time and mode keep the archive byte-identical between runs.
    zip.addFile(csv, `${macFolder}/${DAY}/${zone.guid}.csv`, { mtime: new Date('2019-06-05T07:00:00Z'), mode: 0o100644 });
  }
  zip.end();
  await pipeline(zip.outputStream, fs.createWriteStream(zipFile));
  for (const zone of ZONES) fs.rmSync(path.join(csvDir, `${zone.guid}.csv`));
  return { records, csvBytes };
}

/** `M/D/YYYY h:mm:ss AM` as the device writes it, or zero-padded as the host writes HostTimeUTC. */
function usClock(instant, padded = false) {
  const pad = (value) => (padded ? String(value).padStart(2, '0') : String(value));
  const hour12 = instant.getUTCHours() % 12 || 12;
  const clock = [hour12, instant.getUTCMinutes(), instant.getUTCSeconds()].map((value, index) => (index === 0 ? pad(value) : String(value).padStart(2, '0'))).join(':');
  return `${pad(instant.getUTCMonth() + 1)}/${pad(instant.getUTCDate())}/${instant.getUTCFullYear()} ${clock} ${instant.getUTCHours() < 12 ? 'AM' : 'PM'}`;
}

/** The site file gs:insert would have stored on the day at 01:30: the device on NTP (offset 0, day_covered 0). */
function siteFile() {
  const polled = new Date(Date.parse(`${DAY}T00:00:00Z`) - UTC_OFFSET_MINUTES * 60_000 + 90 * 60_000);
  // The device shows its clock in its zone's standard offset (UTC-06:00), DST or not.
  const shown = new Date(polled.getTime() - 6 * 3_600_000);
  return {
    header: { data_type: 'gs_site', target_filename: `${CAMERA.base}_site_${DAY}.json`, collection_date: `${DAY} 00:00:00-05:00`, device_net_addr: CAMERA.ip },
    site: {
      Id: `site-${CAMERA.inventory.deviceId}`,
      Location: { Street1: CAMERA.street1, Street2: CAMERA.street2, Latitude: CAMERA.lat, Longitude: CAMERA.lon },
      CameraDevices: [
        {
          Fisheye: {
            MACAddress: CAMERA.mac,
            IsConfigured: true,
            CameraMasks: {
              ZoneMasks: ZONES.map((zone) => ({
                Vehicle: { Id: zone.id, Name: `${zone.approach} ${zone.turnType.toLowerCase()}`, TurnType: zone.turnType, ApproachType: zone.approach, IncludeInData: true },
              })),
            },
          },
        },
      ],
    },
    datetime: { DateTime: usClock(shown), TimeZoneId: '(UTC-06:00) Central Time (US & Canada)', HostTimeUTC: usClock(polled, true) },
    hardware_info: { BoxSerialNumber: `GS-${CAMERA.inventory.deviceId}`, HardwareId: `hw-${CAMERA.inventory.deviceId}`, HardwareVersion: '5' },
  };
}

function unitData() {
  return {
    header: { data_type: 'gs_unit_data', target_filename: `Austin_gs_${DAY_AFTER}_unit_data.json`, collection_date: `${DAY_AFTER} 00:00:00-05:00` },
    devices: [
      {
        device_type: 'GRIDSMART',
        atd_device_id: CAMERA.inventory.deviceId,
        device_ip: CAMERA.ip,
        device_status: 'OK',
        ip_comm_status: 'ONLINE',
        atd_location_id: CAMERA.inventory.locationId,
        coa_intersection_id: 5157931,
        lat: CAMERA.lat,
        lon: CAMERA.lon,
        primary_st: CAMERA.inventory.primary,
        primary_st_segment_id: 2011236,
        cross_st: CAMERA.inventory.cross,
        cross_st_segment_id: 2011336,
      },
    ],
  };
}

// ---------------------------------------------------------------- child side: one measured task

function peakRss() {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]) * 1024;
  } catch {
    // Not Linux: the kernel's own figure below.
  }
  return process.resourceUsage().maxRSS * 1024;
}

function openLake(work, log) {
  const { Lake, Registry, silentLogger } = require('@lake/core');
  const { gridsmartPlugin } = require('@lake/source-gridsmart');
  return new Lake({
    home: path.join(work, 'lake'),
    registry: new Registry().register(gridsmartPlugin),
    log: log ?? silentLogger,
    config: { unitData: { gs: { driver: 'file', path: path.join(work, 'unit-data') } } },
  });
}

/** Runs one stage (or the copy floor) and reports seconds and peak RSS on stdout as JSON. */
async function child(task, work, inputs) {
  // Loaded in every child, so the floor's baseline memory is that of a lake process too.
  const { runStage, MemoryLogger } = require('@lake/core');
  const gridsmart = require('@lake/source-gridsmart');
  const started = process.hrtime.bigint();
  let result = null;
  const log = new MemoryLogger();
  if (task === 'copy') {
    for (const input of inputs) await pipeline(fs.createReadStream(input), fs.createWriteStream(path.join(work, 'copy.tmp')));
    fs.rmSync(path.join(work, 'copy.tmp'), { force: true });
  } else {
    const lake = openLake(work, log);
    const stages = {
      'gs:insert': gridsmart.GridsmartInsert,
      'gs:standard': gridsmart.GridsmartStandard,
      'gs:ready': gridsmart.GridsmartReady,
      'gs:ready-agg': gridsmart.GridsmartReadyAgg,
      'gs:publish': gridsmart.GridsmartPublish,
    };
    const concurrency = Number(process.env.BENCH_CONCURRENCY || 1);
    result = await runStage(new stages[task](), { startDate: DAY, endDate: DAY_AFTER, force: true, sourcedir: path.join(work, 'archive'), concurrency }, lake);
    await lake.close();
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  process.stdout.write(
    JSON.stringify({
      seconds,
      peakRss: peakRss(),
      items: result?.items ?? null,
      records: result?.records ?? null,
      failures: (result?.failures ?? []).map((failure) => `${failure.label}: ${failure.message}`),
      warnings: log.lines.filter((line) => !line.startsWith('INFO') && !line.startsWith('DEBUG')).slice(0, 5),
    }),
  );
}

// ---------------------------------------------------------------- parent side

function vmRss(pid) {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * Runs a task in a child process; stops it (that child only) when it passes the RSS or time limit
 * and then returns what was seen of it with `stopped` set.
 */
function measure(task, work, inputs, limits) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const proc = spawn(process.execPath, [__filename, '--child', task, work, ...inputs], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let seenRss = 0;
    let stopped = null;
    proc.stdout.on('data', (chunk) => (stdout += chunk));
    proc.stderr.on('data', (chunk) => (stderr += chunk));
    const watch = setInterval(() => {
      seenRss = Math.max(seenRss, vmRss(proc.pid));
      const seconds = (Date.now() - started) / 1000;
      if (limits.rssMiB > 0 && seenRss > limits.rssMiB * MIB) stopped = `RSS passed ${limits.rssMiB} MiB after ${seconds.toFixed(0)} s`;
      else if (limits.seconds > 0 && seconds > limits.seconds) stopped = `still running after ${limits.seconds} s`;
      if (stopped) {
        clearInterval(watch);
        proc.kill('SIGKILL');
      }
    }, 100);
    proc.on('error', reject);
    proc.on('close', (code) => {
      clearInterval(watch);
      const seconds = (Date.now() - started) / 1000;
      if (stopped) return resolve({ seconds, peakRss: seenRss, records: null, failures: [], warnings: [], stopped });
      if (code !== 0) return reject(new Error(`${task} child exited with ${code}: ${stderr.trim()}`));
      resolve(JSON.parse(stdout));
    });
  });
}

function storedFiles(work, purpose, suffixes) {
  const repository = openLake(work).repository(purpose);
  const found = [];
  const walk = (dir) => {
    if (!fs.existsSync(dir)) return;
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

/** `vehicles`: the vehicle records the stage went through (its rate is printed), or null. */
function row(label, inputBytes, figures, floor = null, vehicles = null) {
  const rate = inputBytes / MB / figures.seconds;
  const share = floor ? `${((rate / floor) * 100).toFixed(0)}% of floor` : '';
  const perSecond = vehicles ? `${Math.round(vehicles / figures.seconds / 1000)}k vehicles/s` : '';
  if (figures.stopped) return [label, `${(inputBytes / MB).toFixed(1)} MB`, `${figures.seconds.toFixed(2)} s`, 'STOPPED', '(below)', `${(figures.peakRss / MIB).toFixed(0)} MiB`, '', ''];
  return [label, `${(inputBytes / MB).toFixed(1)} MB`, `${figures.seconds.toFixed(2)} s`, `${rate.toFixed(1)} MB/s`, share, `${(figures.peakRss / MIB).toFixed(0)} MiB`, figures.records ?? '', perSecond];
}

function printTable(rows) {
  const header = ['step', 'input', 'time', 'throughput', '', 'peak RSS', 'records out', ''];
  const all = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...all.map((cells) => String(cells[column]).length)));
  for (const cells of all) console.log(cells.map((cell, column) => String(cell).padEnd(widths[column])).join('  ').trimEnd());
}

function numberAfter(argv, flag, fallback) {
  const index = argv.indexOf(flag);
  return index >= 0 && index + 1 < argv.length ? Number(argv[index + 1]) : fallback;
}

async function benchGridsmart(argv = process.argv.slice(2)) {
  const big = argv.includes('--big');
  const keep = argv.includes('--keep');
  const limits = { rssMiB: numberAfter(argv, '--max-rss-mib', 1536), seconds: numberAfter(argv, '--max-seconds', 180) };
  fs.mkdirSync(SCRATCH, { recursive: true });
  const work = fs.mkdtempSync(path.join(SCRATCH, 'gridsmart-'));
  try {
    const archive = path.join(work, 'archive');
    fs.mkdirSync(archive);
    fs.mkdirSync(path.join(work, 'unit-data'));
    fs.writeFileSync(path.join(work, 'unit-data', 'Austin_gs_unit_data.json'), JSON.stringify(unitData()));
    fs.writeFileSync(path.join(archive, `${CAMERA.base}_gs_${DAY}_site.json`), JSON.stringify(siteFile()));
    const zipFile = path.join(archive, `${CAMERA.base}_gs_${DAY}.zip`);
    const t = Date.now();
    const { records, csvBytes } = await writeCountsZip(zipFile, work, big ? 4_000_000 : 400_000);
    const zipBytes = fs.statSync(zipFile).size;
    console.log(
      `gridsmart: generated ${records} records of ${ZONES.length} zones, ${(csvBytes / MB).toFixed(1)} MB of v8 CSV in a ${(zipBytes / MB).toFixed(1)} MB ZIP (layout A) in ${((Date.now() - t) / 1000).toFixed(1)} s${keep ? ` in ${work}` : ''}`,
    );

    const rows = [];
    let floor = null;
    let stopped = null;
    // `inputBytes`: what the throughput is of (default: the input files' size).
    const step = async (label, inputs, task, { taskInputs = [], inputBytes = size(inputs), vehicles = null } = {}) => {
      if (stopped) return;
      const figures = await measure(task, work, taskInputs, limits);
      // A failed or empty stage is reported in the table; the stages after it have no input.
      if (figures.failures.length > 0) figures.stopped = `${figures.failures.length} item(s) failed: ${figures.failures.join('; ')}`;
      else if (task !== 'copy' && !figures.stopped && !figures.records) figures.stopped = `no records (${figures.warnings.join('; ') || 'no warnings'})`;
      rows.push(row(label, inputBytes, figures, task === 'copy' ? null : floor, vehicles));
      if (task === 'copy') floor = inputBytes / MB / figures.seconds;
      if (figures.stopped) stopped = `${label} stopped: ${figures.stopped}`;
      if (process.stderr.isTTY) process.stderr.write(`  ${label} done\n`);
    };
    const rawInputs = [zipFile];
    await step('floor: copy raw ZIP', rawInputs, 'copy', { taskInputs: rawInputs });
    await step('gs:insert', rawInputs, 'gs:insert');
    // gs:standard's throughput is of the CSV it unpacks (the ZIP is ~4x smaller).
    await step('gs:standard (CSV)', storedFiles(work, 'raw', ['.zip']), 'gs:standard', { inputBytes: csvBytes, vehicles: records });
    const standardized = storedFiles(work, 'standardized', ZONES.map((zone) => `${zone.guid}.json`));
    await step('floor: copy standardized', standardized, 'copy', { taskInputs: standardized });
    await step('gs:ready', standardized, 'gs:ready', { vehicles: records });
    await step('gs:ready-agg', storedFiles(work, 'ready', ['_counts.json']), 'gs:ready-agg', { vehicles: records });
    await step('gs:publish', storedFiles(work, 'ready', ['_agg15.json']), 'gs:publish');
    console.log(
      `gridsmart: ${records} vehicle records, one child process per step; input = the stage's input files (ZIP ${(zipBytes / MB).toFixed(1)} MB, ` +
        `standardized ${(size(standardized) / MB).toFixed(1)} MB, ready counts ${(size(storedFiles(work, 'ready', ['_counts.json'])) / MB).toFixed(1)} MB, agg15 ${(size(storedFiles(work, 'ready', ['_agg15.json'])) / MB).toFixed(1)} MB)`,
    );
    printTable(rows);
    if (stopped) console.log(`gridsmart: ${stopped}; the later stages were not run`);
    console.log('gridsmart: every stage streams; gs:ready sorts the intersection-day through temp files, so its peak RSS stays flat as the day grows');
    if (!stopped && !argv.includes('--no-concurrency')) await benchConcurrency(work, limits);
  } finally {
    if (!keep) fs.rmSync(work, { recursive: true, force: true });
  }
}

/**
 * `--concurrency N`: the same day from 8 cameras of 100 000 records each, gs:standard with 1, 2
 * and 4 items at once (unzipping runs on libuv's thread pool, so items overlap on 2 cores).
 */
async function benchConcurrency(work, limits) {
  const cameras = 8;
  const perCamera = 100_000;
  const dir = path.join(work, 'concurrency');
  const archive = path.join(dir, 'archive');
  fs.mkdirSync(archive, { recursive: true });
  fs.cpSync(path.join(work, 'unit-data'), path.join(dir, 'unit-data'), { recursive: true });
  const zipFile = path.join(dir, 'camera.zip');
  const { records } = await writeCountsZip(zipFile, dir, perCamera);
  for (let camera = 1; camera <= cameras; camera++) {
    const base = `${CAMERA.base}_${camera}`;
    fs.copyFileSync(zipFile, path.join(archive, `${base}_gs_${DAY}.zip`));
    fs.writeFileSync(path.join(archive, `${base}_gs_${DAY}_site.json`), JSON.stringify(siteFile()));
  }
  fs.rmSync(zipFile);
  const inserted = await measure('gs:insert', dir, [], limits);
  if (inserted.failures.length > 0 || inserted.stopped) {
    console.log(`gridsmart concurrency: gs:insert failed (${inserted.failures.join('; ') || inserted.stopped}); skipped`);
    return;
  }
  const figures = [];
  for (const concurrency of [1, 2, 4]) {
    process.env.BENCH_CONCURRENCY = String(concurrency);
    figures.push({ concurrency, ...(await measure('gs:standard', dir, [], limits)) });
  }
  delete process.env.BENCH_CONCURRENCY;
  const base = figures[0].seconds;
  console.log(`gridsmart concurrency: gs:standard of ${cameras} cameras x ${records} records (one item per camera), in one process:`);
  for (const run of figures) {
    const problem = run.stopped ?? (run.failures.length ? run.failures.join('; ') : null);
    console.log(
      `  --concurrency ${run.concurrency}: ${run.seconds.toFixed(1)} s (${(base / run.seconds).toFixed(2)}x), ${Math.round(run.peakRss / MIB)} MiB peak RSS, ${run.records} records${problem ? `; ${problem}` : ''}`,
    );
  }
}

if (require.main === module) {
  if (process.argv[2] === '--child') {
    child(process.argv[3], process.argv[4], process.argv.slice(5)).catch((error) => {
      console.error(error);
      process.exit(1);
    });
  } else {
    benchGridsmart().catch((error) => {
      console.error(error);
      process.exit(1);
    });
  }
}

module.exports = { benchGridsmart };
