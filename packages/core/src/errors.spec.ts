import { ConfigError, LakeError } from './errors';

describe('LakeError', () => {
  it('recognises a LakeError thrown by another copy of @lake/core', () => {
    // Another copy of the module: same code, different class objects.
    let otherCopy: typeof import('./errors') | undefined;
    jest.isolateModules(() => {
      otherCopy = jest.requireActual('./errors');
    });
    const foreign = new otherCopy!.ConfigError('from a plugin\'s own core');

    expect(foreign).toBeInstanceOf(LakeError);
    expect(foreign instanceof LakeError).toBe(true);
    expect(foreign instanceof ConfigError).toBe(false);
  });

  it('keeps subclass checks exact and rejects plain errors', () => {
    expect(new ConfigError('x') instanceof ConfigError).toBe(true);
    expect(new LakeError('X', 'x') instanceof ConfigError).toBe(false);
    expect(new Error('plain') instanceof LakeError).toBe(false);
    expect(null instanceof LakeError).toBe(false);
  });
});
