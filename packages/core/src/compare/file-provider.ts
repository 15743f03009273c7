// What a source folder holds: date-named files, one provider item per file (core.md §8.3).
import path from 'node:path';
import { silentLogger, type Logger } from '../log/logger';
import type { LakeTime } from '../time/lake-time';
import { findDateNamedFiles, type FilePattern } from './date-named-files';
import { isInRange } from './date-range-filter';
import type { DateRange, Provider, ProviderItem } from './provider';
import { isAtOrAfter, sameDayCutoff } from './same-day';

export interface FileIdentity {
  base: string;
  ext: string;
}

export interface FileProviderOptions {
  directory: string;
  /** Tried in this order for each date. */
  patterns: FilePattern[];
  /** Default: base = prefix, ext = postfix without a leading dot. */
  identify?: (pattern: FilePattern, fileName: string) => FileIdentity;
  /** End of the data a file dated `date` holds; default none (one calendar day). */
  impliedEnd?: (date: Date, pattern: FilePattern) => Date | null;
  time: LakeTime;
  log?: Logger;
}

export function defaultFileIdentity(pattern: FilePattern): FileIdentity {
  return { base: pattern.prefix, ext: pattern.postfix.replace(/^\./, '') };
}

export class FileProvider implements Provider<FilePattern> {
  constructor(private readonly options: FileProviderOptions) {}

  async *items(range: DateRange): AsyncIterable<ProviderItem<FilePattern>> {
    const { directory, patterns, time } = this.options;
    const log = this.options.log ?? silentLogger;
    const identify = this.options.identify ?? defaultFileIdentity;
    const cutoff = sameDayCutoff(range, time);

    // date (epoch ms) → the file each pattern has for it, by pattern position.
    const filesByDate = new Map<number, Map<number, string>>();
    for (const [position, pattern] of patterns.entries()) {
      for (const file of await findDateNamedFiles(directory, pattern, log)) {
        const date = time.fromWall(file.wall);
        if (!isInRange(date, range)) continue;
        const files = filesByDate.get(date.getTime()) ?? new Map<number, string>();
        filesByDate.set(date.getTime(), files);
        // Two wall times name one instant only inside a spring-forward gap.
        if (files.has(position)) {
          log.warn(`Duplicate match found for file ${file.name}`);
          continue;
        }
        files.set(position, file.name);
      }
    }

    for (const at of [...filesByDate.keys()].sort((a, b) => a - b)) {
      const date = new Date(at);
      if (isAtOrAfter(date, cutoff)) continue;
      const files = filesByDate.get(at)!;
      for (const [position, pattern] of patterns.entries()) {
        const fileName = files.get(position);
        if (fileName === undefined) continue;
        yield {
          ...identify(pattern, fileName),
          date,
          dateEnd: this.options.impliedEnd?.(date, pattern) ?? null,
          label: path.join(directory, fileName),
          payload: pattern,
        };
      }
    }
  }
}
