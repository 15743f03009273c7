import { stageCommand } from '@lake/command';
import { WavetronixPublish } from '../../stages/wt-publish';

export default stageCommand(new WavetronixPublish());
