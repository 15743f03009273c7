// Shared pieces of the driver tests: a dataset on the double, rows, and a driver pointed at it
// whose retry waits are recorded instead of slept.
import { MemoryLogger, type DriverConfig, type PublishRow } from '@lake/core';
import { SocrataPublishDriver } from '../socrata-publish-driver';
import type { SodaDouble } from './soda-double';

export const DATASET = 'abcd-1234';
export const ROW_ID = 'record_id';
export const APP_TOKEN = 'app-token-for-tests';

/** `count` rows with ids `r000000`…, a reading and a floating timestamp. */
export function countRows(count: number, { from = 0, volume = 1 }: { from?: number; volume?: number } = {}): PublishRow[] {
  return Array.from({ length: count }, (_, index) => {
    const number = from + index;
    return { record_id: `r${String(number).padStart(6, '0')}`, volume: volume * number, read_date: `2020-10-01T${String(number % 24).padStart(2, '0')}:00:00` };
  });
}

export interface TestDriver {
  driver: SocrataPublishDriver;
  log: MemoryLogger;
  /** Every retry wait the driver asked for, in ms. */
  waits: number[];
}

export function settingsFor(double: SodaDouble, overrides: Partial<DriverConfig> = {}): DriverConfig {
  return { driver: 'socrata', baseUrl: double.url, username: double.username, password: double.password, appToken: APP_TOKEN, ...overrides };
}

export function driverFor(double: SodaDouble, overrides: Partial<DriverConfig> = {}): TestDriver {
  const log = new MemoryLogger();
  const waits: number[] = [];
  const driver = new SocrataPublishDriver(settingsFor(double, overrides), {
    log,
    sleep: async (ms) => {
      waits.push(ms);
    },
  });
  return { driver, log, waits };
}
