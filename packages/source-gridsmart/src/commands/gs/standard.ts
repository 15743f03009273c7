import { stageCommand } from '@lake/command';
import { GridsmartStandard } from '../../stages/gs-standard';

export default stageCommand(new GridsmartStandard());
