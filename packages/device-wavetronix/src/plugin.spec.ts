import { Registry } from '@lake/core';
import { wavetronixPlugin } from './plugin';
import { wavetronixUnitDataMapping } from './unit-data-mapping';

describe('the Wavetronix plugin', () => {
  it('registers the four stages in data-flow order, the Knack mapping and the demo sample', () => {
    const registry = new Registry().register(wavetronixPlugin);
    expect(registry.stages().map((stage) => [stage.name, stage.from ?? null, stage.to, stage.perfmetStage, stage.keyMode])).toEqual([
      ['wt:insert', null, 'raw', 'Ingest', 'base'],
      ['wt:standard', 'raw', 'standardized', 'Standardize', 'base'],
      ['wt:ready', 'standardized', 'ready', 'Ready', 'base'],
      ['wt:publish', 'ready', 'public', 'Publish', 'base+ext'],
    ]);
    expect(registry.samples().map((sample) => sample.dataSource)).toEqual(['wt']);
    expect(wavetronixPlugin.unitDataMappings?.knack).toBe(wavetronixUnitDataMapping);
  });

  it('reads the radars from Knack as sensors of type RADAR joined to their locations', () => {
    expect(wavetronixUnitDataMapping).toMatchObject({
      dataSource: 'wt',
      deviceObject: 'object_56',
      deviceFilter: { field: 'field_884', value: 'RADAR' },
      locationObject: 'object_11',
      joinOn: 'ATD_LOCATION_ID',
    });
    expect(wavetronixUnitDataMapping.renames.KITS_ID).toBe('kits_id');
    expect(wavetronixUnitDataMapping.fields.at(-1)).toBe('kits_id');
    expect(wavetronixUnitDataMapping.integerFields).toContain('kits_id');
  });
});
