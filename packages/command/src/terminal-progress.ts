// A one-line progress display for a stage run on a terminal: items, rows, rows/s, MB/s read and
// elapsed time, redrawn at most 10 times a second. Log lines go above it (the line is cleared,
// the message written, the line drawn again), so logs and progress never garble each other.
// Not used when stderr is not a terminal or with --json: then logs stay plain lines.
import type { Logger, ProgressListener, RunProgress } from '@lake/core';

const REDRAW_MS = 100;
const CLEAR_LINE = '\r\x1b[2K';

export interface ProgressTerminal {
  write(text: string): unknown;
  columns?: number;
}

export class TerminalProgress {
  private line = '';
  private lastDraw = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly terminal: ProgressTerminal,
    private readonly inner: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** The logger to give the lake: every message clears the progress line first. */
  readonly log: Logger = {
    info: (message) => this.above(() => this.inner.info(message)),
    warn: (message) => this.above(() => this.inner.warn(message)),
    error: (message) => this.above(() => this.inner.error(message)),
    debug: (message) => this.above(() => this.inner.debug(message)),
  };

  readonly update: ProgressListener = (progress) => {
    const time = this.now();
    if (!progress.done && time - this.lastDraw < REDRAW_MS) return;
    this.lastDraw = time;
    this.line = fit(describe(progress), this.terminal.columns);
    this.terminal.write(`${CLEAR_LINE}${this.line}`);
    if (progress.done) {
      this.terminal.write('\n');
      this.line = '';
    }
  };

  private above(write: () => void): void {
    if (this.line) this.terminal.write(CLEAR_LINE);
    write();
    if (this.line) this.terminal.write(this.line);
  }
}

export function describe(progress: RunProgress): string {
  const seconds = Math.max(progress.seconds, 0.001);
  const parts = [
    progress.stage,
    `${progress.items} item${progress.items === 1 ? '' : 's'}`,
    `${progress.records.toLocaleString('en-US')} rows`,
    `${Math.round(progress.records / seconds).toLocaleString('en-US')} rows/s`,
    `${(progress.bytesRead / 1e6 / seconds).toFixed(1)} MB/s`,
    clock(progress.seconds),
  ];
  if (progress.failures) parts.push(`${progress.failures} FAILED`);
  return parts.join('  ');
}

function clock(seconds: number): string {
  const whole = Math.floor(seconds);
  return `${String(Math.floor(whole / 60)).padStart(2, '0')}:${String(whole % 60).padStart(2, '0')}`;
}

/** Never wider than the terminal: a wrapped line could not be cleared. */
function fit(text: string, columns: number | undefined): string {
  return columns && text.length >= columns ? text.slice(0, columns - 1) : text;
}
