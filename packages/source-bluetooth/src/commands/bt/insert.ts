import { stageCommand } from '@lake/command';
import { BluetoothInsert } from '../../stages/bt-insert';

export default stageCommand(new BluetoothInsert());
