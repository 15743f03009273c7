import { Lake, consoleLogger, hostRegistry, loadConfig } from '@lake/core';

export interface OpenLakeFlags {
  config?: string;
  home?: string;
  verbose?: boolean;
}

/** The lake a command works on: config from --config / LAKE_CONFIG / ./lake.config.json. */
export function openLakeFromFlags(flags: OpenLakeFlags): Lake {
  const loaded = loadConfig({ configPath: flags.config });
  const log = consoleLogger(flags.verbose === true);
  if (loaded.file) log.debug(`config: ${loaded.file}`);
  return new Lake({ config: loaded.config, home: flags.home ?? loaded.home, registry: hostRegistry(), log });
}
