// Named factories for every driver seam, and the stages plugins contribute. The host builds one
// registry per process; library users build their own and call `register` themselves.
import semver from 'semver';
import { IncompatiblePlugin, LakeError, UnknownDriver } from '../errors';
import { PURPOSE_ORDER } from '../config/lake-config';
import type { Stage } from '../stage/stage';
import type { DriverFactory, DriverKind, DriverKinds } from './driver-factories';
import type { LakePlugin } from './lake-plugin';
import type { SampleData } from './sample-data';
import type { UnitDataMapping } from '../unitdata/unit-data-mapping';
import { CORE_VERSION } from '../version';

export class DuplicateStage extends LakeError {
  constructor(name: string, first: string, second: string) {
    super('DUPLICATE_STAGE', `stage ${name} is contributed by both ${first} and ${second}`, `uninstall one of them`, 2);
  }
}

export class Registry {
  private readonly factories = new Map<DriverKind, Map<string, { factory: DriverFactory<unknown>; plugin: string }>>();
  private readonly stageList = new Map<string, { stage: Stage; plugin: string }>();
  private readonly sampleList: SampleData[] = [];
  private readonly mappings = new Map<string, UnitDataMapping>();
  private readonly pluginList = new Map<string, LakePlugin>();
  private readonly refusedStages = new Map<string, LakeError>();

  /** Adds a plugin after checking it was built for this core; registering twice is a no-op. */
  register(plugin: LakePlugin): this {
    if (this.pluginList.has(plugin.name)) return this;
    if (!semver.satisfies(CORE_VERSION, plugin.coreRange, { includePrerelease: true })) {
      throw new IncompatiblePlugin(plugin.name, plugin.coreRange, CORE_VERSION);
    }
    // Checked before anything is added, so a refused plugin leaves no drivers or stages behind.
    const contributed = new Set<string>();
    for (const stage of plugin.stages ?? []) {
      const existing = this.stageList.get(stage.name)?.plugin ?? (contributed.has(stage.name) ? plugin.name : undefined);
      if (existing) throw new DuplicateStage(stage.name, existing, plugin.name);
      contributed.add(stage.name);
    }
    for (const [kind, named] of Object.entries(plugin.drivers ?? {}) as [DriverKind, Record<string, DriverFactory<never>>][]) {
      for (const [name, factory] of Object.entries(named)) this.addDriver(kind, name, factory, plugin.name);
    }
    for (const stage of plugin.stages ?? []) this.stageList.set(stage.name, { stage, plugin: plugin.name });
    this.sampleList.push(...(plugin.samples ?? []));
    for (const [driver, mapping] of Object.entries(plugin.unitDataMappings ?? {})) this.mappings.set(`${driver}:${mapping.dataSource}`, mapping);
    this.pluginList.set(plugin.name, plugin);
    return this;
  }

  /** Remembers a plugin the host refused, so its commands can say why they will not run. */
  refuse(plugin: LakePlugin, reason: LakeError): void {
    // A stage name another plugin registered stays runnable: only the refused plugin's own are marked.
    for (const stage of plugin.stages ?? []) {
      if (!this.stageList.has(stage.name)) this.refusedStages.set(stage.name, reason);
    }
  }

  /** Why a stage's plugin was refused, if it was. */
  refusalOf(stageName: string): LakeError | undefined {
    return this.refusedStages.get(stageName);
  }

  addDriver<Kind extends DriverKind>(kind: Kind, name: string, factory: DriverFactory<DriverKinds[Kind]>, plugin = 'app'): this {
    let named = this.factories.get(kind);
    if (!named) this.factories.set(kind, (named = new Map()));
    named.set(name, { factory, plugin });
    return this;
  }

  driverFactory<Kind extends DriverKind>(kind: Kind, name: string): DriverFactory<DriverKinds[Kind]> {
    const found = this.factories.get(kind)?.get(name);
    if (!found) throw new UnknownDriver(kind, name, this.driverNames(kind));
    return found.factory as DriverFactory<DriverKinds[Kind]>;
  }

  driverNames(kind: DriverKind): string[] {
    return [...(this.factories.get(kind)?.keys() ?? [])].sort();
  }

  stage(name: string): Stage | undefined {
    return this.stageList.get(name)?.stage;
  }

  /**
   * Every stage in data-flow order: by target purpose, then source purpose, then name. No source
   * purpose (data from outside the lake) comes first; purposes a config adds come after the four
   * known ones, as they can only be fed from those.
   */
  stages(): Stage[] {
    const rank = (purpose: string | undefined) => {
      if (purpose === undefined) return -1;
      const known = PURPOSE_ORDER.indexOf(purpose);
      return known === -1 ? PURPOSE_ORDER.length : known;
    };
    return [...this.stageList.values()]
      .map((entry) => entry.stage)
      .sort((a, b) => rank(a.to) - rank(b.to) || rank(a.from) - rank(b.from) || a.name.localeCompare(b.name));
  }

  /** The inventory mapping a source declared for a unit-data driver (e.g. knack, bt). */
  unitDataMapping(driver: string, dataSource: string): UnitDataMapping | undefined {
    return this.mappings.get(`${driver}:${dataSource}`);
  }

  samples(): SampleData[] {
    return [...this.sampleList];
  }

  plugins(): LakePlugin[] {
    return [...this.pluginList.values()];
  }
}
