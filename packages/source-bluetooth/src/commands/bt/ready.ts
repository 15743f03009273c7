import { stageCommand } from '@lake/command';
import { BluetoothReady } from '../../stages/bt-ready';

export default stageCommand(new BluetoothReady());
