import { stageCommand } from '@lake/command';
import { GridsmartReadyAgg } from '../../stages/gs-ready-agg';

export default stageCommand(new GridsmartReadyAgg());
