import { MemoryLogger, type RunProgress } from '@lake/core';
import { TerminalProgress, describe as describeProgress } from './terminal-progress';

const CLEAR = '\r\x1b[2K';

function progress(overrides: Partial<RunProgress> = {}): RunProgress {
  return { stage: 'bt:standard', items: 3, records: 12_345, failures: 0, bytesRead: 5_000_000, seconds: 2, done: false, ...overrides };
}

function terminal(columns = 120) {
  const writes: string[] = [];
  return { writes, columns, write: (text: string) => writes.push(text) };
}

describe('TerminalProgress', () => {
  it('draws items, rows, rows/s, MB/s and the elapsed time on one line', () => {
    expect(describeProgress(progress())).toBe('bt:standard  3 items  12,345 rows  6,173 rows/s  2.5 MB/s  00:02');
    expect(describeProgress(progress({ items: 1, failures: 2, seconds: 75 }))).toBe('bt:standard  1 item  12,345 rows  165 rows/s  0.1 MB/s  01:15  2 FAILED');
  });

  it('redraws at most every 100 ms, and always the last time, ending the line', () => {
    let now = 0;
    const screen = terminal();
    const display = new TerminalProgress(screen, new MemoryLogger(), () => now);
    display.update(progress({ items: 1 }));
    now = 50;
    display.update(progress({ items: 2 }));
    now = 150;
    display.update(progress({ items: 3 }));
    now = 160;
    display.update(progress({ items: 4, done: true }));
    expect(screen.writes.filter((text) => text.startsWith(CLEAR)).map((text) => /(\d+) item/.exec(text)?.[1])).toEqual(['1', '3', '4']);
    expect(screen.writes.at(-1)).toBe('\n');
  });

  it('clears the line for a log message and draws it again below', () => {
    const screen = terminal();
    const inner = new MemoryLogger();
    const display = new TerminalProgress(screen, inner, () => 1000);
    display.log.info('before any progress');
    expect(screen.writes).toEqual([]);
    display.update(progress());
    screen.writes.length = 0;
    display.log.warn('a bad line');
    expect(inner.lines).toEqual(['INFO before any progress', 'WARN a bad line']);
    expect(screen.writes).toEqual([CLEAR, describeProgress(progress())]);
  });

  it('never draws wider than the terminal, so the line can be cleared', () => {
    const screen = terminal(20);
    new TerminalProgress(screen, new MemoryLogger(), () => 0).update(progress());
    expect(screen.writes[0]).toBe(`${CLEAR}${describeProgress(progress()).slice(0, 19)}`);
  });
});
