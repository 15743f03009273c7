// oclif init hook: registers the postgrest drivers with the lake host. The only file that imports
// the CLI side (@lake/command, oclif); the library in index.ts never does.
import { pluginHook } from '@lake/command';
import { postgrestPlugin } from '../plugin';

export default pluginHook(postgrestPlugin);
