import { stageCommand } from '@lake/command';
import { GridsmartInsert } from '../../stages/gs-insert';

export default stageCommand(new GridsmartInsert());
