// Finds and reads lake.config.json: --config, then LAKE_CONFIG, then ./lake.config.json, else
// none. `${env:NAME}` anywhere in a string is replaced from the environment so secrets stay out
// of the file.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../errors';
import { DEFAULT_REPOSITORIES, type LakeConfig, type RepositoryNames } from './lake-config';

export interface LoadedConfig {
  config: LakeConfig;
  /** The file it came from, or null for the built-in default. */
  file: string | null;
  /** Absolute root of the embedded default. */
  home: string;
}

export interface LoadConfigOptions {
  configPath?: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

export function loadConfig(options: LoadConfigOptions = {}): LoadedConfig {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const file = findConfigFile(options.configPath ?? env.LAKE_CONFIG, cwd);
  const config = file ? readConfigFile(file, env) : {};
  const home = path.resolve(cwd, config.home ?? env.LAKE_HOME ?? 'lake-data');
  return { config, file, home };
}

function findConfigFile(explicit: string | undefined, cwd: string): string | null {
  if (explicit) {
    const file = path.resolve(cwd, explicit);
    if (!existsSync(file)) throw new ConfigError(`config file ${file} does not exist`, 'check --config or LAKE_CONFIG');
    return file;
  }
  const local = path.join(cwd, 'lake.config.json');
  return existsSync(local) ? local : null;
}

function readConfigFile(file: string, env: NodeJS.ProcessEnv): LakeConfig {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`cannot read config ${file}: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError(`config ${file} must hold a JSON object`);
  }
  return substituteEnv(parsed, env, file) as LakeConfig;
}

/** Replace `${env:NAME}` in every string; a missing variable is an error naming it. */
export function substituteEnv(value: unknown, env: NodeJS.ProcessEnv, source = 'config'): unknown {
  if (typeof value === 'string') {
    return value.replace(/\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
      const found = env[name];
      if (found === undefined) {
        throw new ConfigError(`${source} refers to \${env:${name}}, but ${name} is not set`, `export ${name}=… before running lake`);
      }
      return found;
    });
  }
  if (Array.isArray(value)) return value.map((item) => substituteEnv(item, env, source));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substituteEnv(item, env, source)]));
  }
  return value;
}

/** The repository (bucket / folder / catalog label) of a purpose, production or debug. */
export function repositoryName(config: LakeConfig, purpose: string, debug: boolean): string {
  const names: RepositoryNames | undefined = config.repositories?.[purpose] ?? DEFAULT_REPOSITORIES[purpose];
  if (!names) {
    const known = Object.keys({ ...DEFAULT_REPOSITORIES, ...config.repositories }).join(', ');
    throw new ConfigError(`unknown purpose "${purpose}"`, `known purposes: ${known}`);
  }
  return debug ? names.debug : names.production;
}
