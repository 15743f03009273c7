import { pluginHook } from '@lake/command';
import { gridsmartPlugin } from '../plugin';

export default pluginHook(gridsmartPlugin);
