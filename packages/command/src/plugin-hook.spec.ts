import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CORE_VERSION, Stage, definePlugin, hostRegistry, type LakePlugin, type StageContext } from '@lake/core';
import type { Hook } from '@oclif/core';
import { pluginHook } from './plugin-hook';
import { stageCommand } from './stage-command';
import { runInProcess } from './test-support/run-in-process';

class NamedStage extends Stage {
  readonly description = 'does nothing';
  readonly to = 'raw';
  readonly perfmetStage = 'Ingest';
  processed = 0;

  constructor(
    readonly name: string,
    readonly dataSource: string,
  ) {
    super();
  }

  override sourceProvider() {
    return { async *items() {} };
  }

  async processItem(_item: unknown, _ctx: StageContext): Promise<number> {
    this.processed++;
    return 1;
  }
}

/** Runs an init hook the way oclif does, collecting its warnings. */
async function runHook(hook: Hook<'init'>): Promise<string[]> {
  const warnings: string[] = [];
  const context = { warn: (message: string | Error) => warnings.push(String(message)) };
  await hook.call(context as never, { id: undefined, argv: [] } as never);
  return warnings;
}

describe('pluginHook', () => {
  it('registers the plugin into the host registry, once', async () => {
    const stage = new NamedStage('hook-a:run', 'hook-a');
    const factory = () => ({}) as never;
    const plugin = definePlugin({ name: 'hook-a', coreRange: `^${CORE_VERSION}`, stages: [stage], drivers: { storage: { 'hook-a-store': factory } } });
    const hook = pluginHook(plugin);
    expect(await runHook(hook)).toEqual([]);
    expect(await runHook(hook)).toEqual([]);
    expect(hostRegistry().stage('hook-a:run')).toBe(stage);
    expect(hostRegistry().driverFactory('storage', 'hook-a-store')).toBe(factory);
    expect(hostRegistry().plugins().filter((registered) => registered.name === 'hook-a')).toHaveLength(1);
    expect(hostRegistry().refusalOf('hook-a:run')).toBeUndefined();
  });

  it('refuses a plugin built for another core: a warning naming both versions, no registration', async () => {
    const plugin = definePlugin({
      name: 'hook-future',
      coreRange: '^9.0.0',
      stages: [new NamedStage('hook-future:run', 'hook-future')],
      drivers: { storage: { 'hook-future-store': () => ({}) as never } },
    });
    const warnings = await runHook(pluginHook(plugin));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`plugin hook-future supports @lake/core ^9.0.0, but this host runs @lake/core ${CORE_VERSION}`);
    expect(warnings[0]).toContain('Hint: install a version of hook-future');
    expect(hostRegistry().stage('hook-future:run')).toBeUndefined();
    expect(hostRegistry().driverNames('storage')).not.toContain('hook-future-store');
    expect(hostRegistry().refusalOf('hook-future:run')).toMatchObject({ code: 'INCOMPATIBLE_PLUGIN', exitCode: 2 });
  });

  it('rethrows what is not a LakeError (a broken plugin is a bug, not a refusal)', async () => {
    const broken = { name: 'hook-broken', coreRange: `^${CORE_VERSION}`, stages: 42 } as unknown as LakePlugin;
    await expect(runHook(pluginHook(broken))).rejects.toThrow(TypeError);
    expect(hostRegistry().refusalOf('hook-broken:run')).toBeUndefined();
  });

  describe('the command of a refused plugin', () => {
    let home: string;

    beforeEach(() => {
      home = mkdtempSync(path.join(os.tmpdir(), 'lake-hook-'));
    });

    afterEach(() => {
      rmSync(home, { recursive: true, force: true });
    });

    it('does not run and exits 2 with the IncompatiblePlugin message', async () => {
      const stage = new NamedStage('hook-old:run', 'hook-old');
      await runHook(pluginHook(definePlugin({ name: 'hook-old', coreRange: '>=5', stages: [stage] })));
      const run = await runInProcess(stageCommand(stage), ['--home', home, '-s', '2019-06-01']);
      expect(run.error?.oclif?.exit).toBe(2);
      expect(run.stderr).toContain(`Error (INCOMPATIBLE_PLUGIN): plugin hook-old supports @lake/core >=5, but this host runs @lake/core ${CORE_VERSION}`);
      expect(stage.processed).toBe(0);
    });

    it('of an accepted plugin runs', async () => {
      const stage = new NamedStage('hook-ok:run', 'hook-ok');
      await runHook(pluginHook(definePlugin({ name: 'hook-ok', coreRange: `^${CORE_VERSION}`, stages: [stage] })));
      const run = await runInProcess(stageCommand(stage), ['--home', home, '-s', '2019-06-01', '-0']);
      expect(run.error).toBeUndefined();
      expect(run.result).toMatchObject({ stage: 'hook-ok:run', items: 0, failures: [] });
    });
  });
});
