// Purposes → repository names (core.md §1.1), production or debug, overridable per purpose.
import { ConfigError } from '../errors';
import { repositoryName } from './load-config';

describe('repositoryName', () => {
  it.each([
    ['raw', 'atd-datalake-raw', 'atd-datalake-raw-test'],
    ['standardized', 'atd-datalake-rawjson', 'atd-datalake-rawjson-test'],
    ['ready', 'atd-datalake-ready', 'atd-datalake-ready-test'],
    ['public', 'socrata', 'socrata-test'],
  ])('names %s %s in production and %s in debug', (purpose, production, debug) => {
    expect(repositoryName({}, purpose, false)).toBe(production);
    expect(repositoryName({}, purpose, true)).toBe(debug);
  });

  it('takes a purpose’s names from the config when given', () => {
    const config = { repositories: { raw: { production: 'city-raw', debug: 'city-raw-dev' } } };
    expect(repositoryName(config, 'raw', false)).toBe('city-raw');
    expect(repositoryName(config, 'raw', true)).toBe('city-raw-dev');
    expect(repositoryName(config, 'ready', false)).toBe('atd-datalake-ready');
  });

  it('knows purposes the config adds', () => {
    const config = { repositories: { archive: { production: 'lake-archive', debug: 'lake-archive-test' } } };
    expect(repositoryName(config, 'archive', true)).toBe('lake-archive-test');
  });

  it('refuses an unknown purpose, listing the known ones', () => {
    let thrown: unknown;
    try {
      repositoryName({}, 'rawjson', false);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect(thrown).toMatchObject({ message: 'unknown purpose "rawjson"', hint: 'known purposes: raw, standardized, ready, public', exitCode: 2 });
  });
});
