import type { Stage } from '../stage/stage';
import type { DriverFactories } from './driver-factories';
import type { SampleData } from './sample-data';
import type { UnitDataMapping } from '../unitdata/unit-data-mapping';

/** A plugin's whole contribution, as data (fastify-plugin style). */
export interface LakePlugin {
  /** npm package name. */
  name: string;
  version?: string;
  /** semver range of @lake/core this plugin was built for. */
  coreRange: string;
  drivers?: DriverFactories;
  stages?: Stage[];
  /** How unit-data drivers read this source's sensor inventory, by driver name (e.g. knack). */
  unitDataMappings?: Record<string, UnitDataMapping>;
  /** Sample inputs `lake demo` seeds and runs. */
  samples?: SampleData[];
}

export function definePlugin(plugin: LakePlugin): LakePlugin {
  return plugin;
}
