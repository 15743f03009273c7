// A plugin of do-nothing stages with chosen command ids, to stand for "what is installed" when a
// schedule is checked against a registry. Their data source is `<topic>-test`, so a test can tell
// it came from the stage and not from the command id.
import { definePlugin, type LakePlugin } from '../../registry/lake-plugin';
import { Stage } from '../../stage/stage';
import { CORE_VERSION } from '../../version';

class NamedStage extends Stage {
  readonly description = 'does nothing';
  readonly dataSource: string;
  readonly to = 'raw';
  readonly perfmetStage = 'Ingest';

  constructor(readonly name: string) {
    super();
    this.dataSource = `${name.split(':')[0]}-test`;
  }

  async processItem(): Promise<number> {
    return 0;
  }
}

export function testStagePlugin(names: string[]): LakePlugin {
  return definePlugin({ name: '@lake/schedule-test-stages', coreRange: CORE_VERSION, stages: names.map((name) => new NamedStage(name)) });
}
