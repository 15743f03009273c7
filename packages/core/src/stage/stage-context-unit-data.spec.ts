// A ready stage whose repository holds no unit-data snapshot fetches and stores today's inventory
// instead of failing every day (e.g. after standardization ran while Knack was unreachable).
import fs from 'node:fs';
import path from 'node:path';
import { TestLake } from '../test-support/test-lake';
import { Stage } from './stage';
import type { StageContext } from './stage-context';
import type { WorkItem } from '../compare/provider';
import { DaysProvider } from '../compare/days-provider';
import { runStage } from './run-stage';

class CountDevices extends Stage<Date> {
  readonly name = 'tp:ready';
  readonly description = 'counts the devices of the unit data a day uses';
  readonly dataSource = 'tp';
  readonly from = 'standardized';
  readonly to = 'ready';
  readonly perfmetStage = 'Ready';
  readonly selections: { fallback: boolean; devices: number }[] = [];

  override sourceProvider(ctx: StageContext) {
    return new DaysProvider({ days: async () => [ctx.time.dayStart('2019-06-01')], base: 'Days', ext: 'json', time: ctx.time });
  }

  override targetProvider() {
    return null;
  }

  async processItem(item: WorkItem<Date>, ctx: StageContext): Promise<number> {
    const selection = await ctx.unitDataFor(item.date, 'standardized');
    this.selections.push({ fallback: selection?.fallback ?? true, devices: selection?.snapshot.devices.length ?? -1 });
    return 1;
  }
}

describe('StageContext.unitDataFor', () => {
  let test: TestLake;
  afterEach(() => test.dispose());

  it('fetches and stores today\'s inventory when the repository has no snapshot at all', async () => {
    // The file driver's path is relative to the lake's home.
    test = new TestLake({ config: { unitData: { driver: 'file', path: 'inventory.json' } } });
    fs.writeFileSync(path.join(test.home, 'inventory.json'), JSON.stringify({ devices: [{ device_name: 'a' }, { device_name: 'b' }] }));
    const stage = new CountDevices();

    const result = await runStage(stage, { startDate: '2019-06-01', endDate: '2019-06-02' }, test.lake);

    expect(result.failures).toEqual([]);
    expect(stage.selections).toEqual([{ fallback: false, devices: 2 }]);
    expect(test.log.text()).toContain('no tp unit data in atd-datalake-rawjson; fetching today\'s inventory');
    const again = new CountDevices();
    await runStage(again, { startDate: '2019-06-01', endDate: '2019-06-02' }, test.lake);
    expect(again.selections).toEqual([{ fallback: false, devices: 2 }]);
    expect(test.log.text().match(/fetching today's inventory/g)).toHaveLength(1);
  });
});
