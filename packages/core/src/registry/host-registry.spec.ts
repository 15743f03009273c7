// One registry per process, even when a plugin brings its own copy of @lake/core.
import { hostRegistry } from './host-registry';
import { Registry } from './registry';

describe('hostRegistry', () => {
  it('is the same instance on every call', () => {
    expect(hostRegistry()).toBeInstanceOf(Registry);
    expect(hostRegistry()).toBe(hostRegistry());
  });

  it('is kept under a global symbol, so a second copy of the module finds the same one', () => {
    const first = hostRegistry();
    let fromSecondCopy: Registry | undefined;
    jest.isolateModules(() => {
      // A fresh module registry: the same file loaded again, as a plugin's own @lake/core would be.
      const secondCopy = require('./host-registry') as typeof import('./host-registry');
      expect(secondCopy.hostRegistry).not.toBe(hostRegistry);
      fromSecondCopy = secondCopy.hostRegistry();
    });

    expect(fromSecondCopy).toBe(first);
    expect((globalThis as Record<symbol, unknown>)[Symbol.for('@lake/core:host-registry')]).toBe(first);
  });
});
