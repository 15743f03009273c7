import { pluginHook } from '@lake/command';
import { wavetronixPlugin } from '../plugin';

export default pluginHook(wavetronixPlugin);
