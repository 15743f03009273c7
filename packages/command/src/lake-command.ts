// Base of every lake command: config and home flags, --json, and LakeErrors shown as a message
// with a hint (or, with --json, as a JSON error object) and their own exit code instead of a
// stack trace.
import { Command } from '@oclif/core';
import { LakeError, type Lake, type Logger } from '@lake/core';
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

  protected openLake(flags: OpenLakeFlags, log?: Logger): Lake {
    this.opened ??= openLakeFromFlags(flags, log);
    return this.opened;
  }

  protected override async catch(error: Error & { exitCode?: number; oclif?: { exit?: number }; parse?: unknown }): Promise<unknown> {
    if (error instanceof LakeError) {
      if (this.jsonEnabled()) this.logJson(errorJson(error.code, error.message, error.hint, error.exitCode));
      else this.logToStderr(`Error (${error.code}): ${error.message}${error.hint ? `\nHint: ${error.hint}` : ''}`);
      this.exit(error.exitCode);
    }
    // With --json, oclif would print a flag error with its whole parse context (the entire config).
    if (this.jsonEnabled() && error.parse !== undefined && typeof error.oclif?.exit === 'number') {
      this.logJson(errorJson('USAGE', error.message, undefined, error.oclif.exit));
      this.exit(error.oclif.exit);
    }
    return super.catch(error);
  }

  protected override async finally(error: Error | undefined): Promise<unknown> {
    await this.opened?.close();
    return super.finally(error);
  }
}

/** What a command prints on stdout with `--json` when it fails. */
function errorJson(code: string, message: string, hint: string | undefined, exitCode: number) {
  return { error: { code, message, hint: hint ?? null, exitCode } };
}

/** The original's `-0` means --simulate; only before a `--` separator. */
export function rewriteShortSimulate(argv: string[]): string[] {
  const separator = argv.indexOf('--');
  return argv.map((arg, index) => (arg === '-0' && (separator === -1 || index < separator) ? '--simulate' : arg));
}
