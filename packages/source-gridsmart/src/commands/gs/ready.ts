import { stageCommand } from '@lake/command';
import { GridsmartReady } from '../../stages/gs-ready';

export default stageCommand(new GridsmartReady());
