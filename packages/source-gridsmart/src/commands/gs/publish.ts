import { stageCommand } from '@lake/command';
import { GridsmartPublish } from '../../stages/gs-publish';

export default stageCommand(new GridsmartPublish());
