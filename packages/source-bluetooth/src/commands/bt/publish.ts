import { stageCommand } from '@lake/command';
import { BluetoothPublish } from '../../stages/bt-publish';

export default stageCommand(new BluetoothPublish());
