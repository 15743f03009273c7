// oclif init hook: registers the socrata publish driver with the lake host. The only file that
// imports the CLI side (@lake/command, oclif); the library in index.ts never does.
import { pluginHook } from '@lake/command';
import { socrataPlugin } from '../plugin';

export default pluginHook(socrataPlugin);
