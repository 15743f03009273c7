// The catalog contract (@lake/testing's conformance suite) on the embedded SQLite file: a fresh
// file per case; every driver a case opens shares it, as lake processes share lake.sqlite.
// Several processes on one file: sqlite-catalog-driver.processes.spec.ts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeCatalogDriverConformance } from '@lake/testing';
import { LakeTime } from '../time/lake-time';
import { SqliteCatalogDriver } from './sqlite-catalog-driver';

// The suite's calendar is a LakeTime of @lake/core's build; to TypeScript the driver's source
// wants another class, so it gets the same calendar rebuilt from source.
const fromSource = (time: { zone: string; now(): Date }) => new LakeTime(time.zone, () => time.now());

let dir: string;

describeCatalogDriverConformance('SqliteCatalogDriver', {
  async reset() {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lake-catalog-'));
  },
  async open(time, tuning) {
    return SqliteCatalogDriver.open(path.join(dir, 'lake.sqlite'), fromSource(time), tuning);
  },
  async close() {
    fs.rmSync(dir, { recursive: true, force: true });
  },
});
