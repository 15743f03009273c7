import { stageCommand } from '@lake/command';
import { ExampleStandard } from '../../stages/example-standard';

export default stageCommand(new ExampleStandard());
