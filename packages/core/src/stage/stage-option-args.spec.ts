import type { CatalogEntry } from '../catalog/catalog-entry';
import { UsageError } from '../errors';
import { Stage, type StageOption } from './stage';
import { parseStageOptionArgs } from './stage-option-args';

class OptionStage extends Stage<CatalogEntry> {
  readonly name = 'gs:publish';
  readonly description = 'a stage with gs:publish\'s options';
  readonly dataSource = 'gs';
  readonly to = 'public';
  readonly perfmetStage = 'Publish';
  override readonly options: StageOption[] = [
    { name: 'agg', char: 'a', kind: 'integer', description: 'minutes', default: 15 },
    { name: 'no_unassigned', char: 'u', kind: 'boolean', description: 'drop Unassigned', default: false },
    { name: 'label', kind: 'string', description: 'text' },
  ];
  async processItem(): Promise<number> {
    return 0;
  }
}

describe('parseStageOptionArgs', () => {
  const stage = new OptionStage();

  it('reads short and long forms as the stage command would', () => {
    expect(parseStageOptionArgs(stage, ['-a', '60', '-u'])).toEqual({ agg: 60, no_unassigned: true });
    expect(parseStageOptionArgs(stage, ['--agg=5', '--no_unassigned', '--label', 'x y'])).toEqual({ agg: 5, no_unassigned: true, label: 'x y' });
    expect(parseStageOptionArgs(stage, ['-a30', '--no_unassigned=false'])).toEqual({ agg: 30, no_unassigned: false });
    expect(parseStageOptionArgs(stage, [])).toEqual({});
  });

  it('refuses what the stage does not declare, naming its options', () => {
    expect(() => parseStageOptionArgs(stage, ['-x'])).toThrow(new UsageError('gs:publish has no option -x', 'options of gs:publish: -a/--agg <integer>, -u/--no_unassigned, --label <string>'));
    expect(() => parseStageOptionArgs(stage, ['extra'])).toThrow('gs:publish takes no argument "extra"');
    expect(() => parseStageOptionArgs(stage, ['-a'])).toThrow('-a of gs:publish needs a value');
    expect(() => parseStageOptionArgs(stage, ['--agg', 'ten'])).toThrow('--agg must be a whole number, got "ten"');
  });
});
