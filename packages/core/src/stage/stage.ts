// A stage is the original's ETLApp: a small class with a per-item hook. The compare loop, date
// window, force/simulate/output copy, catalog flushing, perfmet and the exit code belong to
// runStage, once, for every stage of every plugin.
import type { Purpose } from '../config/lake-config';
import type { KeyMode, Provider, WorkItem } from '../compare/provider';
import type { StageContext } from './stage-context';
import type { StageResult } from './stage-result';

/** An option a stage adds to the common ones (becomes a command flag). */
export interface StageOption {
  name: string;
  char?: string;
  description: string;
  kind: 'string' | 'boolean' | 'integer';
  default?: string | boolean | number;
}

export abstract class Stage<Payload = unknown> {
  /** Command id, e.g. `bt:ready`. */
  abstract readonly name: string;
  abstract readonly description: string;
  /** Data source code: `bt`, `wt`, `gs`, … */
  abstract readonly dataSource: string;
  /** Purpose read from; undefined when the source is outside the lake (ingest). */
  readonly from?: Purpose;
  abstract readonly to: Purpose;
  /** Perfmet stage name: Ingest, Standardize, Ready, Aggregate, Publish. */
  abstract readonly perfmetStage: string;
  /** base+ext by default, so a day's missing file types are never hidden (core.md C-15). */
  readonly keyMode: KeyMode = 'base+ext';
  readonly options: readonly StageOption[] = [];
  /** Filters for the default source provider (`%%` marks a pattern). */
  readonly sourceBase: string | null = null;
  readonly sourceExt: string | null = null;

  /**
   * Whether `--concurrency` may run several of this stage's items at once (always one date at a
   * time). Each item gets its own publisher buffers, so publishing stages can; a stage whose
   * items depend on each other's side effects within a day says no.
   */
  readonly itemsInParallel: boolean = true;

  /** What exists at the source; default: the catalog rows of `from`. */
  sourceProvider(ctx: StageContext): Provider<Payload> {
    return ctx.catalogProvider(this.fromPurpose(), { base: this.sourceBase, ext: this.sourceExt }) as Provider<Payload>;
  }

  /** What the target already has; default: the catalog rows of `to`. */
  targetProvider(ctx: StageContext): Provider | null {
    return ctx.catalogProvider(this.to);
  }

  /** Runs once before the loop (e.g. fetch unit data). */
  async beforeItems(_ctx: StageContext): Promise<void> {}

  /** Processes one work item; returns the records it produced (0 = nothing to do). */
  abstract processItem(item: WorkItem<Payload>, ctx: StageContext): Promise<number>;

  /**
   * Runs once after the loop, even when items failed or beforeItems threw. The temp dir still
   * exists, and what it stages or publishes is committed by the run's final flush.
   */
  async afterItems(_ctx: StageContext, _result: StageResult): Promise<void> {}

  protected fromPurpose(): Purpose {
    if (!this.from) throw new Error(`stage ${this.name} has no source purpose; override sourceProvider()`);
    return this.from;
  }
}
