import { stageCommand } from '@lake/command';
import { WavetronixReady } from '../../stages/wt-ready';

export default stageCommand(new WavetronixReady());
