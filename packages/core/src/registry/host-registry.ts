// One registry per process, shared by the host and every plugin even when a user-installed plugin
// brings its own copy of @lake/core (hence the global symbol instead of a module singleton).
import { Registry } from './registry';

const KEY = Symbol.for('@lake/core:host-registry');
type WithRegistry = typeof globalThis & { [KEY]?: Registry };

export function hostRegistry(): Registry {
  const holder = globalThis as WithRegistry;
  holder[KEY] ??= new Registry();
  return holder[KEY];
}
