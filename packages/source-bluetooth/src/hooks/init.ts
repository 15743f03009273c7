import { pluginHook } from '@lake/command';
import { bluetoothPlugin } from '../plugin';

export default pluginHook(bluetoothPlugin);
