// The registry: plugins are checked against this core's version, registered once, may not
// contribute a stage another plugin has, and name their drivers; stages come out in data-flow order.
import { IncompatiblePlugin, UnknownDriver } from '../errors';
import { LocalStorageDriver } from '../storage/local-storage-driver';
import { TestIngest, TestTransform, testPlugin, testStages } from '../test-support/test-stages';
import { CORE_VERSION } from '../version';
import { definePlugin, type LakePlugin } from './lake-plugin';
import { DuplicateStage, Registry } from './registry';

const localStorage = () => new LocalStorageDriver('/unused');

function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

describe('Registry', () => {
  describe('register', () => {
    it('refuses a plugin built for another core, naming the plugin, its range and this core', () => {
      const plugin = definePlugin({ name: '@city/source-radar', coreRange: '^9.0.0' });
      const error = thrownBy(() => new Registry().register(plugin));

      expect(error).toBeInstanceOf(IncompatiblePlugin);
      expect(error).toMatchObject({ code: 'INCOMPATIBLE_PLUGIN', exitCode: 2 });
      const { message, hint } = error as IncompatiblePlugin;
      expect(message).toBe(`plugin @city/source-radar supports @lake/core ^9.0.0, but this host runs @lake/core ${CORE_VERSION}`);
      expect(hint).toContain('@city/source-radar');
    });

    it('refuses a range that is not semver', () => {
      expect(() => new Registry().register(definePlugin({ name: 'odd', coreRange: 'latest' }))).toThrow(IncompatiblePlugin);
    });

    it('accepts a plugin whose range matches this core', () => {
      const registry = new Registry().register(definePlugin({ name: 'ok', coreRange: `>=${CORE_VERSION} <99` }));
      expect(registry.plugins().map((plugin) => plugin.name)).toEqual(['ok']);
    });

    it('adds nothing from a refused plugin', () => {
      const registry = new Registry();
      const plugin: LakePlugin = { name: 'too-new', coreRange: '^9.0.0', drivers: { storage: { s3: localStorage } }, stages: [testStages().ingest] };
      expect(() => registry.register(plugin)).toThrow(IncompatiblePlugin);

      expect(registry.plugins()).toEqual([]);
      expect(registry.driverNames('storage')).toEqual([]);
      expect(registry.stages()).toEqual([]);
    });

    it('treats the same plugin twice as a no-op', () => {
      const { ingest } = testStages();
      const plugin = testPlugin([ingest], [{ dataSource: 'ts', seed: async () => ({ startDate: '2019-06-01', endDate: '2019-06-02' }) }]);
      const registry = new Registry().register(plugin).register(plugin);

      expect(registry.plugins()).toHaveLength(1);
      expect(registry.stages()).toEqual([ingest]);
      expect(registry.samples()).toHaveLength(1);
    });

    it('refuses a second plugin contributing a stage name already taken, and keeps none of its parts', () => {
      const registry = new Registry().register(testPlugin([testStages().ingest]));
      const rival: LakePlugin = {
        name: '@city/rival',
        coreRange: '*',
        drivers: { storage: { rival: localStorage } },
        stages: [new TestTransform('ts:other', 'raw', 'standardized', 'Standardize'), testStages().ingest],
      };
      const error = thrownBy(() => registry.register(rival));

      expect(error).toBeInstanceOf(DuplicateStage);
      expect((error as DuplicateStage).message).toBe('stage ts:insert is contributed by both @lake/test-plugin and @city/rival');
      expect(registry.stage('ts:other')).toBeUndefined();
      expect(registry.driverNames('storage')).toEqual([]);
      expect(registry.plugins().map((plugin) => plugin.name)).toEqual(['@lake/test-plugin']);
    });

    it('refuses a plugin listing one stage name twice', () => {
      const { ingest } = testStages();
      expect(() => new Registry().register(testPlugin([ingest, testStages().ingest]))).toThrow(DuplicateStage);
    });
  });

  describe('drivers', () => {
    it('finds a plugin’s drivers by kind and name', () => {
      const registry = new Registry().register(definePlugin({ name: 'p', coreRange: '*', drivers: { storage: { s3: localStorage } } }));
      expect(registry.driverFactory('storage', 's3')).toBe(localStorage);
    });

    it('refuses an unknown driver name, listing the installed ones of that kind', () => {
      const registry = new Registry().addDriver('storage', 'zeta', localStorage).addDriver('storage', 'alpha', localStorage);
      const error = thrownBy(() => registry.driverFactory('storage', 's3'));

      expect(error).toBeInstanceOf(UnknownDriver);
      expect(error).toMatchObject({
        code: 'UNKNOWN_DRIVER',
        message: 'no storage driver named "s3" is installed',
        hint: 'installed storage drivers: alpha, zeta',
      });
    });

    it('says to install a plugin when no driver of the kind exists', () => {
      const error = thrownBy(() => new Registry().driverFactory('catalog', 'postgrest'));
      expect((error as UnknownDriver).hint).toBe('install a plugin that provides a catalog driver');
    });
  });

  describe('stages', () => {
    it('lists stages in data-flow order, whatever the registration order', () => {
      const { ingest, standardize, ready, publish } = testStages();
      const archive = new TestTransform('ts:archive', 'public', 'archive', 'Archive');
      const otherIngest = new (class extends TestIngest {
        readonly name = 'aa:insert';
      })();
      const registry = new Registry().register(testPlugin([archive, publish, ready, standardize, ingest, otherIngest]));

      expect(registry.stages().map((stage) => stage.name)).toEqual([
        'aa:insert', // same purposes: by name
        'ts:insert',
        'ts:standard',
        'ts:ready',
        'ts:publish',
        'ts:archive', // a purpose the config adds comes after the known ones
      ]);
    });

    it('finds a stage by name', () => {
      const { ready } = testStages();
      const registry = new Registry().register(testPlugin([ready]));
      expect(registry.stage('ts:ready')).toBe(ready);
      expect(registry.stage('ts:nope')).toBeUndefined();
    });
  });
});

describe('Registry.refuse', () => {
  it('does not block a stage another plugin registered under the same name', () => {
    const { Registry: FreshRegistry, DuplicateStage: Duplicate } = jest.requireActual('./registry') as typeof import('./registry');
    const { CORE_VERSION: version } = jest.requireActual('../version') as typeof import('../version');
    const stage = { name: 'x:one' } as never;
    const registry = new FreshRegistry().register({ name: 'first', coreRange: version, stages: [stage] });
    const second = { name: 'second', coreRange: version, stages: [stage] };
    let refusal: unknown;
    try {
      registry.register(second);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(Duplicate);
    registry.refuse(second, refusal as never);
    expect(registry.refusalOf('x:one')).toBeUndefined();
  });
});
