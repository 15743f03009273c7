import { LakeCommand } from '@lake/command';
import type { Lake } from '@lake/core';
import { ownsSchema } from '../../schema-owner';

type Seam = 'catalog' | 'perfmet';

/** What `lake catalog init` did, per seam (also the --json output). */
export type CatalogInitResult = Record<Seam, { driver: string; created: boolean }>;

export default class CatalogInit extends LakeCommand {
  static summary = 'Create the catalog and perfmet tables the configured drivers need';
  static description =
    'Creates the schema, tables and index when missing; safe to run again. Drivers that keep their tables themselves (the embedded SQLite default) need no init.';
  static examples = ['<%= config.bin %> catalog init --config lake.config.json'];

  async run(): Promise<CatalogInitResult> {
    const { flags } = await this.parse(CatalogInit);
    const lake = this.openLake(flags);
    return { catalog: await this.initSeam(lake, 'catalog'), perfmet: await this.initSeam(lake, 'perfmet') };
  }

  private async initSeam(lake: Lake, seam: Seam): Promise<{ driver: string; created: boolean }> {
    const configured = lake.config[seam];
    // The embedded default is not opened: that would create its database file for nothing.
    if (!configured) {
      this.say(`${seam}: the embedded default needs no init`);
      return { driver: 'sqlite', created: false };
    }
    const driver = seam === 'catalog' ? await lake.catalogDriver() : await lake.perfmetDriver();
    if (!ownsSchema(driver)) {
      this.say(`${seam}: the configured ${configured.driver} ${seam} needs no init`);
      return { driver: configured.driver, created: false };
    }
    await driver.createSchema();
    this.say(`${seam}: the ${configured.driver} tables are ready`);
    return { driver: configured.driver, created: true };
  }

  private say(message: string): void {
    if (!this.jsonEnabled()) this.log(message);
  }
}
