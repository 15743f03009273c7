// The init hook a plugin exports: hands its contribution to the host's registry. A plugin built
// for another core is refused with a clear message and its commands refuse to run.
import type { Hook } from '@oclif/core';
import { LakeError, hostRegistry, type LakePlugin } from '@lake/core';

export function pluginHook(plugin: LakePlugin): Hook<'init'> {
  return async function () {
    try {
      hostRegistry().register(plugin);
    } catch (error) {
      if (!(error instanceof LakeError)) throw error;
      hostRegistry().refuse(plugin, error);
      this.warn(`${error.message}${error.hint ? `\nHint: ${error.hint}` : ''}`);
    }
  };
}
