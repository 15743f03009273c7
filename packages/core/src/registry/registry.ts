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
  private readonly refusedPlugins = new Map<string, LakeError>();
  private readonly firstParty = new Set<string>();
  private displacedRefusals: LakeError[] = [];

  /**
   * Adds a plugin after checking it was built for this core; registering twice is a no-op. A
   * stage name already taken is refused — unless the newcomer ships with the host (`firstParty`)
   * and the holder does not: plugins' init hooks run concurrently, so a user-linked plugin must
   * never push a first-party one out just by loading first.
   */
  register(plugin: LakePlugin, options: { firstParty?: boolean } = {}): this {
    if (this.pluginList.has(plugin.name)) return this;
    if (!semver.satisfies(CORE_VERSION, plugin.coreRange, { includePrerelease: true })) {
      throw new IncompatiblePlugin(plugin.name, plugin.coreRange, CORE_VERSION);
    }
    // Checked before anything is added, so a refused plugin leaves no drivers or stages behind.
    const contributed = new Set<string>();
    const displaced = new Set<string>();
    for (const stage of plugin.stages ?? []) {
      const existing = this.stageList.get(stage.name)?.plugin ?? (contributed.has(stage.name) ? plugin.name : undefined);
      if (existing && options.firstParty && existing !== plugin.name && !this.firstParty.has(existing)) displaced.add(existing);
      else if (existing) throw new DuplicateStage(stage.name, existing, plugin.name);
      contributed.add(stage.name);
    }
    for (const name of displaced) {
      const holder = this.pluginList.get(name) as LakePlugin;
      const clash = (holder.stages ?? []).find((stage) => contributed.has(stage.name))?.name ?? '';
      this.unregister(name);
      const refusal = new DuplicateStage(clash, plugin.name, name);
      this.refuse(holder, refusal);
      this.displacedRefusals.push(refusal);
    }
    if (options.firstParty) this.firstParty.add(plugin.name);
    for (const [kind, named] of Object.entries(plugin.drivers ?? {}) as [DriverKind, Record<string, DriverFactory<never>>][]) {
      for (const [name, factory] of Object.entries(named)) this.addDriver(kind, name, factory, plugin.name);
    }
    for (const stage of plugin.stages ?? []) {
      this.stageList.set(stage.name, { stage, plugin: plugin.name });
      this.refusedStages.delete(stage.name);
    }
    this.sampleList.push(...(plugin.samples ?? []));
    for (const [driver, mapping] of Object.entries(plugin.unitDataMappings ?? {})) this.mappings.set(`${driver}:${mapping.dataSource}`, mapping);
    this.pluginList.set(plugin.name, plugin);
    return this;
  }

  /** Removes everything a plugin contributed (a first-party plugin displaced it). */
  private unregister(name: string): void {
    for (const [stageName, entry] of this.stageList) if (entry.plugin === name) this.stageList.delete(stageName);
    for (const named of this.factories.values()) for (const [driver, entry] of named) if (entry.plugin === name) named.delete(driver);
    const plugin = this.pluginList.get(name);
    for (const sample of plugin?.samples ?? []) this.sampleList.splice(this.sampleList.indexOf(sample), 1);
    for (const mapping of Object.values(plugin?.unitDataMappings ?? {})) {
      for (const [key, value] of this.mappings) if (value === mapping) this.mappings.delete(key);
    }
    this.pluginList.delete(name);
  }

  /** Refusals of plugins that a first-party plugin displaced since the last call (to report them). */
  takeDisplacedRefusals(): LakeError[] {
    const refusals = this.displacedRefusals;
    this.displacedRefusals = [];
    return refusals;
  }

  /** Why a plugin was refused, if it was (its commands must not run). */
  refusalOfPlugin(name: string): LakeError | undefined {
    return this.refusedPlugins.get(name);
  }

  /** Remembers a plugin the host refused, so its commands can say why they will not run. */
  refuse(plugin: LakePlugin, reason: LakeError): void {
    this.refusedPlugins.set(plugin.name, reason);
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
