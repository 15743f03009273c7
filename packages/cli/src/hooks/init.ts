// oclif runs a first-party command when a user-installed plugin offers the same id, silently.
// Say so, so the plugin's author can rename it.
import type { Hook } from '@oclif/core';
import { commandIdClashes } from '../command-id-clashes';

const hook: Hook<'init'> = async function () {
  for (const clash of commandIdClashes([...this.config.plugins.values()])) {
    this.warn(`command ${clash.id} of ${clash.plugin} is hidden by ${clash.owner}'s; the plugin must rename it`);
  }
};

export default hook;
