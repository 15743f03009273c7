import { Lake, consoleLogger, hostRegistry, loadConfig, type Logger } from '@lake/core';

export interface OpenLakeFlags {
  config?: string;
  home?: string;
  verbose?: boolean;
}

/**
 * The lake a command works on: config from --config / LAKE_CONFIG / ./lake.config.json, every
 * driver it names checked against the installed ones.
 */
export function openLakeFromFlags(flags: OpenLakeFlags, log: Logger = consoleLogger(flags.verbose === true)): Lake {
  const loaded = loadConfig({ configPath: flags.config });
  if (loaded.file) log.debug(`config: ${loaded.file}`);
  const lake = new Lake({ config: loaded.config, home: flags.home ?? loaded.home, registry: hostRegistry(), log });
  lake.checkDrivers();
  return lake;
}
