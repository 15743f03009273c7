// The embedded test lake of the AWAM stage tests (see @lake/testing's SourceTestLake).
import { SourceTestLake, type SourceTestLakeOptions } from '@lake/testing';
import { unitDataFile } from './awam-files';

export const AWAM_TEST_NOW = '2019-06-10T08:00:00Z'; // 03:00 CDT, when bt:standard ran

export class AwamTestLake extends SourceTestLake {
  constructor(options: SourceTestLakeOptions = {}) {
    super('bt', AWAM_TEST_NOW, options);
  }

  /** Puts a Bluetooth unit-data file where the `file` driver looks. */
  writeUnitData(devices?: Record<string, unknown>[]): void {
    this.writeUnitDataFile(unitDataFile(devices));
  }
}
