// oclif init hook: registers the postgres drivers with the lake host. With the command files, the
// only code that imports the CLI side (@lake/command, oclif); the library in index.ts never does.
import { pluginHook } from '@lake/command';
import { postgresPlugin } from '../plugin';

export default pluginHook(postgresPlugin);
