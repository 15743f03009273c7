// Run in a child process by bt-standard.hostile.spec.ts (forkTs): one hostile case through
// bt:insert and bt:standard on a fresh embedded lake, then one JSON line on stdout with the
// outcome and the process's peak RSS, so the spec can bound the memory the case needed.
//   awam-huge-line    an IAF file whose last line is 5 MiB without a line break
//   unit-data-50mb    a unit-data document of 50 MiB where the file driver looks
import fs from 'node:fs';
import path from 'node:path';
import { runStage } from '@lake/core';
import { Lcg, hugeLine, peakRssBytes } from '@lake/testing';
import { BluetoothInsert } from '../stages/bt-insert';
import { BluetoothStandard } from '../stages/bt-standard';
import { BT_DEVICE, awamDays, awamFileName, removeFolder, tempFolder, unitDataFile, writeFiles } from './awam-files';
import { AwamTestLake } from './awam-lake';

export interface MemoryChildOutcome {
  peakRssBytes: number;
  records: number;
  failures: { label: string; code: string; message: string }[];
  warnings: string[];
  catalogued: string[];
}

const MIB = 1024 * 1024;
const DAY = '2019-06-01';

async function main(kind: string): Promise<MemoryChildOutcome> {
  const lake = new AwamTestLake();
  const share = tempFolder();
  try {
    const files: Record<string, string | Buffer> = awamDays([DAY]);
    if (kind === 'awam-huge-line') {
      const name = awamFileName('unmatched', DAY);
      files[name] = Buffer.concat([Buffer.from(String(files[name])), hugeLine(5 * MIB, new Lcg(8))]);
      lake.writeUnitData();
    } else if (kind === 'unit-data-50mb') {
      writeBigUnitData(path.join(lake.unitDataDir, 'Austin_bt_unit_data.json'), 50 * MIB);
    } else {
      throw new Error(`unknown case ${kind}`);
    }
    writeFiles(share, files);
    const inserted = await runStage(new BluetoothInsert(), { lastRunDate: '0', sourcedir: share }, lake.lake);
    if (inserted.failures.length > 0) throw new Error(`bt:insert failed: ${JSON.stringify(inserted.failures)}`);
    lake.advance(1);
    const result = await runStage(new BluetoothStandard(), { lastRunDate: '0' }, lake.lake);
    return {
      peakRssBytes: peakRssBytes(),
      records: result.records,
      failures: result.failures.map(({ label, code, message }) => ({ label, code, message: message.slice(0, 2000) })),
      warnings: lake.log.lines.filter((line) => line.startsWith('WARN ')).map((line) => line.slice(0, 2000)),
      catalogued: await lake.catalogDays('atd-datalake-rawjson'),
    };
  } finally {
    removeFolder(share);
    await lake.dispose();
  }
}

/** A unit-data file of about `bytes`, written in pieces: many devices, each a plausible reader. */
function writeBigUnitData(file: string, bytes: number): void {
  const out = fs.openSync(file, 'w');
  try {
    const [opening] = unitDataFile([]).split('[]');
    fs.writeSync(out, `${opening}[`);
    let written = opening.length + 1;
    for (let index = 0; written < bytes; index++) {
      const device = JSON.stringify({ ...BT_DEVICE, atd_device_id: index, device_name: `reader_${index}` });
      const piece = index === 0 ? device : `,${device}`;
      fs.writeSync(out, piece);
      written += piece.length;
    }
    fs.writeSync(out, ']}');
  } finally {
    fs.closeSync(out);
  }
}

main(process.argv[2] ?? '').then(
  (outcome) => process.stdout.write(`${JSON.stringify(outcome)}\n`),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 1;
  },
);
