import { stageCommand } from '@lake/command';
import { ExampleInsert } from '../../stages/example-insert';

export default stageCommand(new ExampleInsert());
