// A third-party plugin that collides with the first-party Bluetooth source in two ways:
// - `commands/bt/insert.js` has the command id bt:insert (oclif's concern), with a stage of its own name;
// - its stage `bt:ready` has the name of a Bluetooth stage (the registry's concern: DuplicateStage),
//   behind the command id clash:ready.
// Each stage writes a marker file, so a test can tell whether it ran.
const { Stage, definePlugin } = require('@lake/core');

class MarkerStage extends Stage {
  constructor(name) {
    super();
    this.name = name;
    this.description = `Clash fixture stage ${name}`;
    this.dataSource = 'clash';
    this.to = 'raw';
    this.perfmetStage = 'Ingest';
  }

  sourceProvider() {
    return {
      async *items(range) {
        yield { base: 'Clash', ext: 'txt', date: range.start, dateEnd: null, label: 'clash', payload: null };
      },
    };
  }

  async processItem(item, ctx) {
    await (await ctx.target()).write(`${this.name} from lake-plugin-clash\n`, { base: item.base, ext: item.ext, date: item.date });
    return 1;
  }
}

const commandClash = new MarkerStage('clash:insert');
const stageClash = new MarkerStage('bt:ready');

const clashPlugin = definePlugin({ name: 'lake-plugin-clash', version: '1.0.0', coreRange: '>=0.1.0', stages: [commandClash, stageClash] });

module.exports = { clashPlugin, commandClash, stageClash };
