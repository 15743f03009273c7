// Base of every lake command: config and home flags, --json, and LakeErrors shown as a message
// with a hint and their own exit code instead of a stack trace.
import { Command } from '@oclif/core';
import { LakeError, type Lake } from '@lake/core';
import { configFlags } from './lake-flags';
import { openLakeFromFlags, type OpenLakeFlags } from './open-lake';

export abstract class LakeCommand extends Command {
  static enableJsonFlag = true;
  static baseFlags = { ...configFlags };

  private opened: Lake | null = null;

  override async init(): Promise<void> {
    this.argv = rewriteShortSimulate(this.argv);
    await super.init();
  }

  protected openLake(flags: OpenLakeFlags): Lake {
    this.opened ??= openLakeFromFlags(flags);
    return this.opened;
  }

  protected override async catch(error: Error & { exitCode?: number }): Promise<unknown> {
    if (error instanceof LakeError) {
      const hint = error.hint ? `\nHint: ${error.hint}` : '';
      this.logToStderr(`Error (${error.code}): ${error.message}${hint}`);
      this.exit(error.exitCode);
    }
    return super.catch(error);
  }

  protected override async finally(error: Error | undefined): Promise<unknown> {
    await this.opened?.close();
    return super.finally(error);
  }
}

/** The original's `-0` means --simulate; only before a `--` separator. */
export function rewriteShortSimulate(argv: string[]): string[] {
  const separator = argv.indexOf('--');
  return argv.map((arg, index) => (arg === '-0' && (separator === -1 || index < separator) ? '--simulate' : arg));
}
