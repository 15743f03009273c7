import type { StageResult } from '@lake/core';

/** One line per stage: what it did, and every failed item under it. */
export function printStageResults(results: StageResult[], print: (line: string) => void): void {
  for (const result of results) {
    const status = result.failures.length ? `FAILED ${result.failures.length}` : 'ok';
    print(`${result.stage.padEnd(16)} ${status.padEnd(9)} items ${String(result.items).padStart(5)}  records ${String(result.records).padStart(8)}  ${result.seconds.toFixed(1)} s`);
    for (const failure of result.failures) print(`  ✗ ${failure.label}: ${failure.message}`);
  }
}
