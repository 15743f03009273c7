/** Where lake writes what it is doing. Commands print it; libraries may pass their own. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  debug(message: string): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {}, debug() {} };

/** Writes to stderr so stdout stays clean for `--json` output. */
export function consoleLogger(verbose = false): Logger {
  return {
    info: (message) => process.stderr.write(`${message}\n`),
    warn: (message) => process.stderr.write(`WARNING: ${message}\n`),
    error: (message) => process.stderr.write(`ERROR: ${message}\n`),
    debug: (message) => {
      if (verbose) process.stderr.write(`DEBUG: ${message}\n`);
    },
  };
}

/** Keeps messages in memory (tests, embedding). */
export class MemoryLogger implements Logger {
  readonly lines: string[] = [];
  info(message: string): void { this.lines.push(`INFO ${message}`); }
  warn(message: string): void { this.lines.push(`WARN ${message}`); }
  error(message: string): void { this.lines.push(`ERROR ${message}`); }
  debug(message: string): void { this.lines.push(`DEBUG ${message}`); }
  text(): string { return this.lines.join('\n'); }
}
