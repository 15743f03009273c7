// Three days of example counts for `lake demo`, one with a malformed line.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { SampleData } from '@lake/core';

const DAYS: Record<string, string[]> = {
  '2019-06-01': ['lamar_6th,120', 'congress_5th,80'],
  '2019-06-02': ['lamar_6th,131', 'congress_5th,77'],
  '2019-06-03': ['lamar_6th,118', 'congress_5th,not-a-number', 'burnet_koenig,42'],
};

export const exampleSample: SampleData = {
  dataSource: 'ex',
  async seed(dir) {
    for (const [day, lines] of Object.entries(DAYS)) {
      await writeFile(path.join(dir, `counts_${day}.csv`), ['sensor,count', ...lines, ''].join('\n'));
    }
    return { startDate: '2019-06-01', endDate: '2019-06-04', stageOptions: { 'ex:insert': { sourcedir: dir } } };
  },
};
