/** The part of an oclif plugin this check reads. */
export interface PluginCommands {
  name: string;
  /** `core` for plugins that ship with the host, `user`/`link` for installed ones. */
  type: string;
  commandIDs: string[];
}

export interface CommandIdClash {
  id: string;
  plugin: string;
  owner: string;
}

/** Command ids of installed plugins that a first-party plugin already has. */
export function commandIdClashes(plugins: PluginCommands[]): CommandIdClash[] {
  const owners = new Map<string, string>();
  for (const plugin of plugins) if (plugin.type === 'core') for (const id of plugin.commandIDs) owners.set(id, plugin.name);
  const clashes: CommandIdClash[] = [];
  for (const plugin of plugins) {
    if (plugin.type === 'core') continue;
    for (const id of plugin.commandIDs) {
      const owner = owners.get(id);
      if (owner) clashes.push({ id, plugin: plugin.name, owner });
    }
  }
  return clashes;
}
