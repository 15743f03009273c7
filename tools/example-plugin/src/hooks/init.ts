import { pluginHook } from '@lake/command';
import { examplePlugin } from '../plugin';

export default pluginHook(examplePlugin);
