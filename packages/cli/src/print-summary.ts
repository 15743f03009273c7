import type { RunSummary } from '@lake/core';

/** What a run produced: catalog rows per repository, published rows, perfmet jobs. */
export function printRunSummary(summary: RunSummary, print: (line: string) => void): void {
  print('Catalog rows in the run\'s window, per repository:');
  for (const [repository, rows] of Object.entries(summary.catalogRows).sort()) print(`  ${repository.padEnd(28)} ${String(rows).padStart(6)}`);
  print('Rows published:');
  for (const [stage, rows] of Object.entries(summary.publishedRows)) print(`  ${stage.padEnd(28)} ${String(rows).padStart(6)}`);
  print('Perfmet jobs logged:');
  for (const job of summary.jobs) {
    print(`  ${job.dataSource} ${job.stage.padEnd(12)} ${String(job.records).padStart(6)} records  ${job.seconds.toFixed(1)} s  ${job.failures ? `${job.failures} FAILED` : 'ok'}`);
  }
}
