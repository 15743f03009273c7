// Built for @lake/core 9: the host must refuse it and its command must not run.
const { Stage, definePlugin } = require('@lake/core');

class OldStage extends Stage {
  constructor() {
    super();
    this.name = 'old:hello';
    this.description = 'Would write a file if the host accepted this plugin';
    this.dataSource = 'old';
    this.to = 'raw';
    this.perfmetStage = 'Ingest';
  }

  sourceProvider() {
    return {
      async *items(range) {
        yield { base: 'Old', ext: 'txt', date: range.start, dateEnd: null, label: 'old', payload: null };
      },
    };
  }

  async processItem(item, ctx) {
    await (await ctx.target()).write('should never be written\n', { base: item.base, ext: item.ext, date: item.date });
    return 1;
  }
}

const oldPlugin = definePlugin({ name: 'lake-plugin-old', version: '3.0.0', coreRange: '^9.0.0', stages: [new OldStage()] });

module.exports = { oldPlugin };
