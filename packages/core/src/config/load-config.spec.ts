// Finding and reading lake.config.json: --config, then LAKE_CONFIG, then ./lake.config.json,
// else none; `${env:NAME}` substitution; errors that name the file or variable at fault.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError } from '../errors';
import { loadConfig, substituteEnv } from './load-config';

describe('loadConfig', () => {
  let cwd: string;

  beforeEach(() => {
    cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'lake-config-'));
  });
  afterEach(() => fs.rmSync(cwd, { recursive: true, force: true }));

  const write = (name: string, content: unknown) => {
    const file = path.join(cwd, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  };

  function configErrorOf(action: () => unknown): ConfigError {
    try {
      action();
    } catch (error) {
      if (error instanceof ConfigError) return error;
      throw error;
    }
    throw new Error('expected a ConfigError');
  }

  describe('where the config comes from', () => {
    it('is the empty config when there is no file', () => {
      expect(loadConfig({ cwd, env: {} })).toEqual({ config: {}, file: null, home: path.join(cwd, 'lake-data') });
    });

    it('reads ./lake.config.json in the working directory', () => {
      const file = write('lake.config.json', { areaBase: 'Local' });
      expect(loadConfig({ cwd, env: {} })).toMatchObject({ config: { areaBase: 'Local' }, file });
    });

    it('prefers LAKE_CONFIG over ./lake.config.json', () => {
      write('lake.config.json', { areaBase: 'Local' });
      const file = write('elsewhere/env.json', { areaBase: 'FromEnv' });
      expect(loadConfig({ cwd, env: { LAKE_CONFIG: file } })).toMatchObject({ config: { areaBase: 'FromEnv' }, file });
    });

    it('prefers --config over LAKE_CONFIG, resolving it from the working directory', () => {
      write('elsewhere/env.json', { areaBase: 'FromEnv' });
      const file = write('flags/given.json', { areaBase: 'FromFlag' });
      const loaded = loadConfig({ cwd, configPath: 'flags/given.json', env: { LAKE_CONFIG: path.join(cwd, 'elsewhere/env.json') } });
      expect(loaded).toMatchObject({ config: { areaBase: 'FromFlag' }, file });
    });

    it('refuses a --config file that does not exist, naming it', () => {
      const error = configErrorOf(() => loadConfig({ cwd, configPath: 'nope.json', env: {} }));
      expect(error.message).toContain(path.join(cwd, 'nope.json'));
      expect(error.exitCode).toBe(2);
    });
  });

  describe('home', () => {
    it('is config.home, resolved from the working directory', () => {
      write('lake.config.json', { home: 'data/lake' });
      expect(loadConfig({ cwd, env: { LAKE_HOME: '/ignored' } }).home).toBe(path.join(cwd, 'data/lake'));
    });

    it('is LAKE_HOME when the config has none', () => {
      expect(loadConfig({ cwd, env: { LAKE_HOME: 'from-env' } }).home).toBe(path.join(cwd, 'from-env'));
    });
  });

  describe('${env:NAME} substitution', () => {
    it('replaces variables in nested objects and arrays, also inside longer text', () => {
      write('lake.config.json', {
        catalog: { driver: 'postgrest', url: 'http://${env:CAT_HOST}:3000/catalog', key: '${env:CAT_KEY}' },
        sources: { bt: { readers: ['${env:READER}', 'fixed', 7, null, true] } },
      });
      const { config } = loadConfig({ cwd, env: { CAT_HOST: 'db.local', CAT_KEY: 's3cret', READER: 'r1' } });
      expect(config).toEqual({
        catalog: { driver: 'postgrest', url: 'http://db.local:3000/catalog', key: 's3cret' },
        sources: { bt: { readers: ['r1', 'fixed', 7, null, true] } },
      });
    });

    it('refuses a missing variable, naming it and the file', () => {
      const file = write('lake.config.json', { catalog: { driver: 'postgrest', key: '${env:CATALOG_KEY}' } });
      const error = configErrorOf(() => loadConfig({ cwd, env: {} }));
      expect(error.message).toContain('CATALOG_KEY');
      expect(error.message).toContain(file);
      expect(error.hint).toContain('CATALOG_KEY');
    });

    it('accepts an empty variable as set', () => {
      expect(substituteEnv({ key: 'a${env:EMPTY}b' }, { EMPTY: '' })).toEqual({ key: 'ab' });
    });

    it('leaves text that is not a reference alone', () => {
      expect(substituteEnv(['$HOME', '${HOME}', '${env:}'], {})).toEqual(['$HOME', '${HOME}', '${env:}']);
    });
  });

  describe('a file that cannot be used', () => {
    it('refuses invalid JSON, naming the file', () => {
      const file = write('lake.config.json', '{ "catalog": ');
      const error = configErrorOf(() => loadConfig({ cwd, env: {} }));
      expect(error.message).toContain(file);
      expect(error.code).toBe('CONFIG');
    });

    it.each([['an array', '[]'], ['a string', '"lake"'], ['null', 'null']])('refuses %s, naming the file', (_, text) => {
      const file = write('lake.config.json', text);
      expect(configErrorOf(() => loadConfig({ cwd, env: {} })).message).toContain(file);
    });
  });
});
