import { printRunSummary } from './print-summary';

describe('printRunSummary', () => {
  it('prints catalog rows per repository, published rows and each perfmet job', () => {
    const lines: string[] = [];
    printRunSummary(
      {
        catalogRows: { 'atd-datalake-ready': 3, 'atd-datalake-raw': 3 },
        publishedRows: { 'bt:publish': 120 },
        jobs: [
          { dataSource: 'Bluetooth', stage: 'Ingest', seconds: 0.25, records: 3, failures: 0, processingDate: new Date(0), collectionStart: null, collectionEnd: null },
          { dataSource: 'Bluetooth', stage: 'Publish', seconds: 1, records: 120, failures: 2, processingDate: new Date(0), collectionStart: null, collectionEnd: null },
        ],
      },
      (line) => lines.push(line),
    );
    expect(lines).toEqual([
      "Catalog rows in the run's window, per repository:",
      '  atd-datalake-raw                  3',
      '  atd-datalake-ready                3',
      'Rows published:',
      '  bt:publish                      120',
      'Perfmet jobs logged:',
      '  Bluetooth Ingest            3 records  0.3 s  ok',
      '  Bluetooth Publish         120 records  1.0 s  2 FAILED',
    ]);
  });
});
