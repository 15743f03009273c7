import type { LakeConfig } from '../config/lake-config';
import { Registry } from '../registry/registry';
import { Lake } from './lake';

function lakeWith(config: LakeConfig, registry = new Registry()): Lake {
  return new Lake({ config, home: '/nonexistent/lake-home', registry });
}

describe('Lake.checkDrivers', () => {
  it('accepts the embedded default and a config naming embedded drivers', () => {
    expect(() => lakeWith({}).checkDrivers()).not.toThrow();
    expect(() => lakeWith({ storage: { driver: 'local' }, catalog: { driver: 'sqlite' }, unitData: { bt: { driver: 'file' } } }).checkDrivers()).not.toThrow();
  });

  it('rejects an unknown driver with exit code 2 and the installed names', () => {
    expect(() => lakeWith({ publish: { driver: 'socrata' } }).checkDrivers()).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_DRIVER', exitCode: 2, message: 'no publish driver named "socrata" is installed', hint: 'installed publish drivers: csv' }),
    );
  });

  it('checks each data source\'s unit-data driver', () => {
    expect(() => lakeWith({ unitData: { bt: { driver: 'file' }, wt: { driver: 'knack' } } }).checkDrivers()).toThrow(/no unitData driver named "knack"/);
  });

  it('accepts a driver a plugin registered', () => {
    const registry = new Registry().addDriver('storage', 'memory', () => ({}) as never);
    expect(() => lakeWith({ storage: { driver: 'memory' } }, registry).checkDrivers()).not.toThrow();
  });
});
