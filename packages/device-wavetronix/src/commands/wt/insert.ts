import { stageCommand } from '@lake/command';
import { WavetronixInsert } from '../../stages/wt-insert';

export default stageCommand(new WavetronixInsert());
