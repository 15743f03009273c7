// The publish stage whose rows a purge deletes, found among the registered stages.
import { UsageError } from '../../errors';
import type { Registry } from '../../registry/registry';
import { AmbiguousPublishStage, PurgeNotSupported } from './purge-errors';
import { isPurgeableStage, type PurgeableStage } from './published-row-ids';

/** The one purgeable publish stage of a data source, or the one named. */
export function purgeableStage(registry: Registry, dataSource: string, stageName?: string): PurgeableStage {
  const publishing = registry.stages().filter((stage) => stage.dataSource === dataSource && stage.to === 'public');
  let candidates = publishing.filter(isPurgeableStage);
  if (stageName) {
    const named = registry.stage(stageName);
    if (!named || !publishing.includes(named)) {
      throw new UsageError(`"${stageName}" is not a publish stage of data source "${dataSource}"`, publishing.length ? `its publish stages: ${publishing.map((stage) => stage.name).join(', ')}` : undefined);
    }
    candidates = candidates.filter((stage) => stage === named);
    if (candidates.length === 0) throw new PurgeNotSupported(dataSource, `stage ${stageName} cannot recompute the ids of the rows it published`);
  }
  if (candidates.length === 0) {
    if (publishing.length > 0) throw new PurgeNotSupported(dataSource, `its publish stage(s) ${publishing.map((stage) => stage.name).join(', ')} cannot recompute the ids of the rows they published`);
    const sources = [...new Set(registry.stages().filter(isPurgeableStage).map((stage) => stage.dataSource))].sort();
    throw new PurgeNotSupported(dataSource, `no installed plugin publishes it${sources.length ? ` (data sources that can be purged: ${sources.join(', ')})` : ''}`);
  }
  if (candidates.length > 1) throw new AmbiguousPublishStage(dataSource, candidates.map((stage) => stage.name));
  return candidates[0];
}
