import { stageCommand } from '@lake/command';
import { BluetoothStandard } from '../../stages/bt-standard';

export default stageCommand(new BluetoothStandard());
