import { Registry } from '@lake/core';
import { gridsmartPlugin } from './plugin';
import { gridsmartUnitDataMapping } from './unit-data-mapping';

describe('the GRIDSMART plugin', () => {
  it('registers the five stages in data-flow order, the Knack mapping and the demo sample', () => {
    const registry = new Registry().register(gridsmartPlugin);
    expect(registry.stages().map((stage) => [stage.name, stage.from ?? null, stage.to, stage.perfmetStage])).toEqual([
      ['gs:insert', null, 'raw', 'Ingest'],
      ['gs:standard', 'raw', 'standardized', 'Standardize'],
      ['gs:ready', 'standardized', 'ready', 'Ready'],
      ['gs:ready-agg', 'ready', 'ready', 'Aggregate'],
      ['gs:publish', 'ready', 'public', 'Publish'],
    ]);
    expect(registry.samples().map((sample) => sample.dataSource)).toEqual(['gs']);
    expect(gridsmartPlugin.unitDataMappings?.knack).toBe(gridsmartUnitDataMapping);
  });

  it('names its stage flags as upstream did (snake_case long names, the same short letters)', () => {
    const registry = new Registry().register(gridsmartPlugin);
    const flags = Object.fromEntries(registry.stages().map((stage) => [stage.name, stage.options.map((option) => `${option.char ?? ''}/${option.name}`)]));
    expect(flags['gs:insert']).toEqual(expect.arrayContaining(['f/name_filter', 'd/sourcedir']));
    expect(flags['gs:ready']).toEqual(expect.arrayContaining(['p/ignore_prev', 'n/ignore_next']));
    expect(flags['gs:ready-agg']).toEqual(expect.arrayContaining(['a/agg']));
    expect(flags['gs:publish']).toEqual(expect.arrayContaining(['a/agg', 'u/no_unassigned']));
  });
});
