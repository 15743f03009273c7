import { stageCommand } from '@lake/command';
import { WavetronixStandard } from '../../stages/wt-standard';

export default stageCommand(new WavetronixStandard());
