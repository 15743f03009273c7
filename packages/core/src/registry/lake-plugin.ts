import type { Stage } from '../stage/stage';
import type { DriverFactories } from './driver-factories';
import type { SampleData } from './sample-data';

/** A plugin's whole contribution, as data (fastify-plugin style). */
export interface LakePlugin {
  /** npm package name. */
  name: string;
  version?: string;
  /** semver range of @lake/core this plugin was built for. */
  coreRange: string;
  drivers?: DriverFactories;
  stages?: Stage[];
  /** Sample inputs `lake demo` seeds and runs. */
  samples?: SampleData[];
}

export function definePlugin(plugin: LakePlugin): LakePlugin {
  return plugin;
}
