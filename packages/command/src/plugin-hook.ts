// The init hook a plugin exports: hands its contribution to the host's registry. A plugin built
// for another core is refused with a clear message and its commands refuse to run.
import type { Hook } from '@oclif/core';
import { LakeError, hostRegistry, type LakePlugin } from '@lake/core';

export function pluginHook(plugin: LakePlugin): Hook<'init'> {
  return async function () {
    try {
      // Plugins listed in the host's own package.json (oclif type "core") ship with it.
      hostRegistry().register(plugin, { firstParty: this.config?.plugins?.get(plugin.name)?.type === 'core' });
      // A linked plugin that had taken one of this plugin's stage names was pushed out: say so.
      for (const refusal of hostRegistry().takeDisplacedRefusals()) this.warn(describeRefusal(refusal));
    } catch (error) {
      if (!(error instanceof LakeError)) throw error;
      hostRegistry().refuse(plugin, error);
      this.warn(describeRefusal(error));
    }
  };
}

function describeRefusal(error: LakeError): string {
  return `${error.message}${error.hint ? `\nHint: ${error.hint}` : ''}`;
}
