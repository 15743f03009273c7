// Four small stages over a made-up `ts` source, one per purpose, for end-to-end tests of the run
// loop: a folder of `counts_YYYY-MM-DD.csv|txt` files → raw → standardized → ready → a public
// dataset. Each records what its hook saw (dates, counters, staged rows, temp dir) and can be
// told to fail on chosen items or before the loop.
import fs from 'node:fs';
import path from 'node:path';
import type { CatalogEntry } from '../catalog/catalog-entry';
import { FileProvider } from '../compare/file-provider';
import type { FilePattern } from '../compare/date-named-files';
import type { KeyMode, Provider, WorkItem } from '../compare/provider';
import type { Purpose } from '../config/lake-config';
import { definePlugin, type LakePlugin } from '../registry/lake-plugin';
import type { SampleData } from '../registry/sample-data';
import type { RunOptions } from '../stage/run-options';
import { Stage } from '../stage/stage';
import type { StageContext } from '../stage/stage-context';
import { CORE_VERSION } from '../version';

export const TEST_DATA_SOURCE = 'ts';
export const TEST_BASE = 'Test';
export const TEST_DATASET = 'test-counts';
export const TEST_PLUGIN = '@lake/test-plugin';

const PATTERNS: FilePattern[] = [
  { prefix: 'counts_', dateFormat: '%Y-%m-%d', postfix: '.csv' },
  { prefix: 'counts_', dateFormat: '%Y-%m-%d', postfix: '.txt' },
];

/** What a hook saw when it was called for one item. */
export interface SeenItem {
  /** `<ext> <calendar day>` of the item. */
  item: string;
  /** Calendar day of `ctx.state.prevDate`, or null. */
  prevDay: string | null;
  itemCount: number;
  /** Catalog rows staged and not yet committed when the hook started. */
  stagedRows: number;
  forced: boolean;
}

export interface TestStageBehaviour {
  /** Items that throw, as `<day>` (every ext) or `<ext> <day>`. */
  failOn?: string[];
  /** beforeItems throws. */
  failBefore?: boolean;
  keyMode?: KeyMode;
  /** Shared list each stage appends its name to when it starts. */
  runLog?: string[];
}

/** A failure a test asked for; the message names the file so reports can be checked. */
export class InjectedFailure extends Error {}

abstract class RecordingStage<Payload> extends Stage<Payload> {
  readonly dataSource = TEST_DATA_SOURCE;
  readonly keyMode: KeyMode;
  readonly seen: SeenItem[] = [];
  readonly tempDirs: string[] = [];
  /** The options of each run. */
  readonly runOptions: RunOptions[] = [];

  constructor(protected readonly behaviour: TestStageBehaviour = {}) {
    super();
    this.keyMode = behaviour.keyMode ?? 'base+ext';
  }

  override async beforeItems(ctx: StageContext): Promise<void> {
    this.behaviour.runLog?.push(this.name);
    this.tempDirs.push(ctx.tempDir);
    this.runOptions.push(ctx.options);
    // Something inside the temp dir, so only a recursive clean-up removes it.
    fs.writeFileSync(path.join(ctx.tempDir, 'scratch.txt'), 'scratch');
    if (this.behaviour.failBefore) throw new InjectedFailure(`${this.name} cannot start`);
  }

  async processItem(item: WorkItem<Payload>, ctx: StageContext): Promise<number> {
    const day = ctx.time.calendarDate(item.date);
    const { prevDate, itemCount } = ctx.state;
    this.seen.push({
      item: `${item.ext} ${day}`,
      prevDay: prevDate ? ctx.time.calendarDate(prevDate) : null,
      itemCount,
      stagedRows: ctx.catalog.pending,
      forced: item.forced,
    });
    const failOn = this.behaviour.failOn ?? [];
    if (failOn.includes(day) || failOn.includes(`${item.ext} ${day}`)) {
      throw new InjectedFailure(`cannot read ${path.basename(item.label)}`);
    }
    const records = await this.handle(item, ctx);
    ctx.perfmet.recordCollect(item.date);
    return records;
  }

  /** The items the hook was called for, as `<ext> <day>`. */
  seenItems(): string[] {
    return this.seen.map((seen) => seen.item);
  }

  protected abstract handle(item: WorkItem<Payload>, ctx: StageContext): Promise<number>;
}

/** Source folder → raw, byte for byte; one record per line. */
export class TestIngest extends RecordingStage<FilePattern> {
  readonly name: string = 'ts:insert';
  readonly description = 'Store counts files from a folder';
  readonly to = 'raw';
  readonly perfmetStage = 'Ingest';
  readonly options = [{ name: 'sourcedir', kind: 'string' as const, description: 'folder of counts files', default: '.' }];

  override sourceProvider(ctx: StageContext): Provider<FilePattern> {
    return new FileProvider({
      directory: ctx.option<string>('sourcedir') ?? '.',
      patterns: PATTERNS,
      identify: (pattern) => ({ base: TEST_BASE, ext: pattern.postfix.slice(1) }),
      time: ctx.time,
      log: ctx.log,
    });
  }

  protected async handle(item: WorkItem<FilePattern>, ctx: StageContext): Promise<number> {
    const target = await ctx.target();
    await target.writeFile(item.label, { base: item.base, ext: item.ext, date: item.date }, { stageCatalog: true });
    return lineCount(fs.readFileSync(item.label, 'utf8'));
  }
}

/**
 * One lake repository → the next, as JSON `{ from, lines }`. The target keeps the source's ext so
 * base+ext keys match across the two (real stages map their exts instead).
 */
export class TestTransform extends RecordingStage<CatalogEntry> {
  readonly description: string;

  constructor(
    readonly name: string,
    readonly from: Purpose,
    readonly to: Purpose,
    readonly perfmetStage: string,
    behaviour: TestStageBehaviour = {},
  ) {
    super(behaviour);
    this.description = `Copy ${from} files to ${to}`;
  }

  protected async handle(item: WorkItem<CatalogEntry>, ctx: StageContext): Promise<number> {
    const source = await ctx.source();
    const text = await source.readText(item.label);
    const lines = this.from === 'raw' ? splitLines(text) : (JSON.parse(text) as { lines: string[] }).lines;
    const target = await ctx.target();
    await target.writeJson({ from: item.label, lines }, { base: item.base, ext: item.ext, date: item.date }, { stageCatalog: true });
    return lines.length;
  }
}

/** Ready → the public dataset: one row per line, then the `public` catalog row. */
export class TestPublish extends RecordingStage<CatalogEntry> {
  readonly name = 'ts:publish';
  readonly description = 'Publish ready counts';
  readonly from = 'ready';
  readonly to = 'public';
  readonly perfmetStage = 'Publish';

  protected async handle(item: WorkItem<CatalogEntry>, ctx: StageContext): Promise<number> {
    const source = await ctx.source();
    const { lines } = (await source.readJson(item.label)) as { lines: string[] };
    const publisher = await ctx.publisher(TEST_DATASET);
    const day = ctx.time.calendarDate(item.date);
    for (const line of lines) await publisher.add({ day, ext: item.ext, line });
    await publisher.flush();
    await ctx.recordPublished(item, TEST_DATASET);
    return lines.length;
  }
}

export interface TestStages {
  ingest: TestIngest;
  standardize: TestTransform;
  ready: TestTransform;
  publish: TestPublish;
}

/** The four stages; `behaviour` applies to the ones named in it (default none). */
export function testStages(behaviour: Partial<Record<keyof TestStages, TestStageBehaviour>> = {}, runLog?: string[]): TestStages {
  const with_ = (name: keyof TestStages): TestStageBehaviour => ({ runLog, ...behaviour[name] });
  return {
    ingest: new TestIngest(with_('ingest')),
    standardize: new TestTransform('ts:standard', 'raw', 'standardized', 'Standardize', with_('standardize')),
    ready: new TestTransform('ts:ready', 'standardized', 'ready', 'Ready', with_('ready')),
    publish: new TestPublish(with_('publish')),
  };
}

/** A plugin contributing the given stages (and samples) to a registry. */
export function testPlugin(stages: Stage[], samples: SampleData[] = []): LakePlugin {
  return definePlugin({ name: TEST_PLUGIN, version: '1.0.0', coreRange: `^${CORE_VERSION}`, stages, samples });
}

/** Writes `counts_<day>.<ext>` for each day into `dir`, two lines each by default. */
export function writeSourceFiles(dir: string, days: string[], ext = 'csv', lines = ['north,1', 'south,2']): void {
  fs.mkdirSync(dir, { recursive: true });
  for (const day of days) fs.writeFileSync(path.join(dir, `counts_${day}.${ext}`), `${lines.join('\n')}\n`);
}

function splitLines(text: string): string[] {
  return text.split(/\r?\n/).filter((line) => line !== '');
}

function lineCount(text: string): number {
  return splitLines(text).length;
}
