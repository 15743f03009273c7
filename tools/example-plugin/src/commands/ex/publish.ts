import { stageCommand } from '@lake/command';
import { ExamplePublish } from '../../stages/example-publish';

export default stageCommand(new ExamplePublish());
