// oclif init hook: registers the s3 storage driver with the lake host. The only file that
// imports the CLI side (@lake/command, oclif); the library in index.ts never does.
import { pluginHook } from '@lake/command';
import { s3Plugin } from '../plugin';

export default pluginHook(s3Plugin);
