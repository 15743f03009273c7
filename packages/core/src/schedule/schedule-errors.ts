// What can be wrong with a schedule, each naming the config path at fault.
import { LakeError } from '../errors';
import { SCHEDULE_FORMATS } from './schedule-config';

export class InvalidSchedule extends LakeError {
  constructor(where: string, problem: string, hint = 'fix the schedule section of lake.config.json') {
    super('INVALID_SCHEDULE', `${where}: ${problem}`, hint, 2);
  }
}

export class UnknownScheduleFormat extends LakeError {
  constructor(format: string) {
    super('UNKNOWN_SCHEDULE_FORMAT', `unknown schedule format "${format}"`, `use one of: ${SCHEDULE_FORMATS.join(', ')}`, 2);
  }
}

/** A command id of a topic that is installed, but not one of its commands: most likely a typo. */
export class UnknownScheduleCommand extends LakeError {
  constructor(where: string, command: string, siblings: string[]) {
    super('UNKNOWN_SCHEDULE_COMMAND', `${where}: no lake command "${command}" is installed`, `installed commands of that topic: ${siblings.join(', ')}`, 2);
  }
}

export class ScheduleImageMissing extends LakeError {
  constructor() {
    super('SCHEDULE_IMAGE_MISSING', 'Kubernetes jobs need a container image', 'pass --image, or set schedule.image in lake.config.json', 2);
  }
}
