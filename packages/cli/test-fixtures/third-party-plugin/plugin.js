// A third-party plugin as plain JS: one stage that writes one greeting file per run, and a
// storage driver that keeps objects in memory and, on close, lists them in a manifest file (so a
// test in another process can see the driver was used).
const { writeFileSync } = require('node:fs');
const path = require('node:path');
const { Readable } = require('node:stream');
const { Stage, definePlugin, ObjectNotFound } = require('@lake/core');

class HelloStage extends Stage {
  constructor() {
    super();
    this.name = 'tp:hello';
    this.description = 'Write one greeting file into the raw repository';
    this.dataSource = 'tp';
    this.to = 'raw';
    this.perfmetStage = 'Ingest';
    this.options = [{ name: 'greeting', char: 'g', kind: 'string', description: 'text to write', default: 'hello' }];
  }

  sourceProvider() {
    return {
      async *items(range) {
        yield { base: 'Hello', ext: 'txt', date: range.start, dateEnd: null, label: 'greeting', payload: null };
      },
    };
  }

  async processItem(item, ctx) {
    const target = await ctx.target();
    await target.write(`${ctx.option('greeting')} from tp\n`, { base: item.base, ext: item.ext, date: item.date }, { stageCatalog: true });
    return 1;
  }
}

class MemoryStorageDriver {
  constructor(manifestFile) {
    this.manifestFile = manifestFile;
    this.objects = new Map();
  }
  async write(repository, key, body) {
    const chunks = [];
    for await (const chunk of Buffer.isBuffer(body) ? [body] : body) chunks.push(Buffer.from(chunk));
    const bytes = Buffer.concat(chunks);
    this.objects.set(`${repository}/${key}`, bytes);
    return { key, size: bytes.length, modified: new Date() };
  }
  async read(repository, key) {
    const bytes = this.objects.get(`${repository}/${key}`);
    if (!bytes) throw new ObjectNotFound(repository, key);
    return Readable.from([bytes]);
  }
  async head(repository, key) {
    const bytes = this.objects.get(`${repository}/${key}`);
    return bytes ? { key, size: bytes.length, modified: new Date() } : null;
  }
  async *list(repository, prefix = '') {
    for (const [name, bytes] of this.objects) {
      const key = name.slice(repository.length + 1);
      if (name.startsWith(`${repository}/`) && key.startsWith(prefix)) yield { key, size: bytes.length, modified: new Date() };
    }
  }
  async delete(repository, key) {
    this.objects.delete(`${repository}/${key}`);
  }
  async copy(fromRepository, fromKey, toRepository, toKey) {
    const bytes = this.objects.get(`${fromRepository}/${fromKey}`);
    if (!bytes) throw new ObjectNotFound(fromRepository, fromKey);
    this.objects.set(`${toRepository}/${toKey}`, bytes);
    return { key: toKey, size: bytes.length, modified: new Date() };
  }
  async close() {
    const listing = [...this.objects].map(([name, bytes]) => ({ name, text: bytes.toString('utf8') }));
    writeFileSync(this.manifestFile, JSON.stringify(listing, null, 2));
  }
}

const tpPlugin = definePlugin({
  name: 'lake-plugin-tp',
  version: '1.0.0',
  coreRange: '^0.1.0',
  stages: [new HelloStage()],
  drivers: {
    storage: {
      'tp-memory': (settings, env) => new MemoryStorageDriver(path.resolve(env.home, settings.manifest || 'tp-memory.json')),
    },
  },
});

module.exports = { tpPlugin, HelloStage, MemoryStorageDriver };
