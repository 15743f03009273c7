// Unit data from a local JSON file or a folder of them, for cities without Knack and for tests.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { describeError } from '../errors';
import { parseLakeJson } from '../json/lake-json';
import type { Logger } from '../log/logger';
import { silentLogger } from '../log/logger';
import type { LakeTime } from '../time/lake-time';
import type { UnitDataDriver, UnitDataSnapshot } from './unit-data';
import { UnitDataUnavailable } from './unit-data-errors';
import { unitDataHeader } from './unit-data-header';
import { unitDataProblem } from './unit-data-snapshot';

export interface FileUnitDataConfig {
  driver: 'file';
  /** A unit-data JSON file, or a folder holding them. */
  path: string;
  /** Largest file read, in MiB (default 16): a larger one is refused with a clear error. */
  maxMiB?: number;
}

/**
 * A unit-data file is read whole (and stored again whole), which costs several times its size in
 * memory: 50 MiB needed about 350 MB. Austin's whole inventory is well under 1 MiB.
 */
export const DEFAULT_UNIT_DATA_MAX_MIB = 16;

export interface FileUnitDataContext {
  time: LakeTime;
  /** Area prefix of the snapshot file names, e.g. `Austin`. */
  areaBase: string;
  /** Folder that a relative `path` is read from (default: the working directory). */
  baseDir?: string;
  log?: Logger;
}

const HINT = 'check unitData.path in lake.config.json: it must name a unit-data JSON file or a folder of them';

export class FileUnitDataDriver implements UnitDataDriver {
  private readonly path: string;
  private readonly maxBytes: number;

  constructor(config: FileUnitDataConfig, private readonly context: FileUnitDataContext) {
    if (typeof config.path !== 'string' || config.path === '') {
      throw new UnitDataUnavailable('the file unit-data driver', 'no "path" is configured', HINT);
    }
    const maxMiB = config.maxMiB ?? DEFAULT_UNIT_DATA_MAX_MIB;
    if (typeof maxMiB !== 'number' || !(maxMiB > 0)) throw new UnitDataUnavailable('the file unit-data driver', `maxMiB ${JSON.stringify(maxMiB)} is not a positive number`, HINT);
    this.path = path.resolve(context.baseDir ?? process.cwd(), config.path);
    this.maxBytes = maxMiB * 1024 * 1024;
  }

  /**
   * The inventory in the file (or the newest one of the data source in the folder), with a
   * header for today: storing it files it under today's date, as a Knack snapshot would be.
   */
  async fetch(dataSource: string): Promise<UnitDataSnapshot> {
    const stat = await fs.stat(this.path).catch((error: unknown) => {
      throw new UnitDataUnavailable(this.path, describeError(error), HINT);
    });
    const snapshot = stat.isDirectory() ? await this.newestInFolder(dataSource) : await this.readSingleFile(dataSource);
    const { time, areaBase } = this.context;
    return { ...snapshot, header: unitDataHeader({ areaBase, dataSource, time }) };
  }

  async close(): Promise<void> {}

  private async readSingleFile(dataSource: string): Promise<UnitDataSnapshot> {
    const snapshot = await this.readSnapshot(this.path);
    const dataType = snapshot.header?.data_type;
    if (typeof dataType === 'string' && dataType !== `${dataSource}_unit_data`) {
      throw new UnitDataUnavailable(this.path, `it holds ${dataType}, not ${dataSource}_unit_data`, HINT);
    }
    return snapshot;
  }

  private async newestInFolder(dataSource: string): Promise<UnitDataSnapshot> {
    const log = this.context.log ?? silentLogger;
    const names = (await fs.readdir(this.path, { withFileTypes: true }))
      .filter((item) => item.isFile() && item.name.toLowerCase().endsWith('.json'))
      .map((item) => item.name)
      .sort();
    let best: { snapshot: UnitDataSnapshot; collected: number } | undefined;
    const skipped: string[] = [];
    for (const name of names) {
      const file = path.join(this.path, name);
      let snapshot: UnitDataSnapshot;
      try {
        snapshot = await this.readSnapshot(file);
      } catch (error) {
        if (name.includes(`_${dataSource}_`)) {
          log.warn(`skipping ${file}: ${describeError(error)}`);
          skipped.push(describeError(error));
        }
        continue;
      }
      const dataType = snapshot.header?.data_type;
      const matches = typeof dataType === 'string' ? dataType === `${dataSource}_unit_data` : name.includes(`_${dataSource}_`);
      if (!matches) continue;
      const collected = this.collectedAt(snapshot);
      // Names are visited in order, so on equal dates the last name wins.
      if (!best || collected >= best.collected) best = { snapshot, collected };
    }
    // A file of the source that could not be read is the likely culprit: say which and why.
    if (!best) throw new UnitDataUnavailable(this.path, `the folder holds no ${skipped.length > 0 ? 'readable ' : ''}${dataSource}_unit_data file${skipped.length > 0 ? ` (${skipped.join('; ')})` : ''}`, HINT);
    return best.snapshot;
  }

  // A file without a readable collection date ranks below every dated one.
  private collectedAt(snapshot: UnitDataSnapshot): number {
    const text = snapshot.header?.collection_date;
    if (typeof text !== 'string') return Number.NEGATIVE_INFINITY;
    try {
      return this.context.time.parse(text).getTime();
    } catch {
      return Number.NEGATIVE_INFINITY;
    }
  }

  // A hand-written file may leave out the header: fetch writes a fresh one anyway.
  private async readSnapshot(file: string): Promise<UnitDataSnapshot> {
    const { size } = await fs.stat(file);
    if (size > this.maxBytes) {
      const mib = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;
      throw new UnitDataUnavailable(file, `it is ${mib(size)}, more than the ${mib(this.maxBytes)} a unit-data file may be`, 'raise unitData.maxMiB in lake.config.json if the inventory really is that large');
    }
    let value: unknown;
    try {
      value = parseLakeJson(await fs.readFile(file, 'utf8'));
    } catch (error) {
      throw new UnitDataUnavailable(file, describeError(error), HINT);
    }
    const problem = unitDataProblem(value, { headerRequired: false });
    if (problem) throw new UnitDataUnavailable(file, problem, HINT);
    return value as UnitDataSnapshot;
  }
}
