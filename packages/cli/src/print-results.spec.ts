import { printStageResults } from './print-results';

describe('printStageResults', () => {
  it('prints one aligned line per stage and every failed item under it', () => {
    const lines: string[] = [];
    printStageResults(
      [
        { stage: 'ex:insert', records: 3, items: 3, failures: [], seconds: 0.04 },
        {
          stage: 'ex:standard',
          records: 4,
          items: 3,
          failures: [{ label: '2019/06/02/ex/Example_ex_2019-06-02.csv', date: new Date(0), code: 'OBJECT_NOT_FOUND', message: 'no such object' }],
          seconds: 1.26,
        },
      ],
      (line) => lines.push(line),
    );
    expect(lines).toEqual([
      'ex:insert        ok        items     3  records        3  0.0 s',
      'ex:standard      FAILED 1  items     3  records        4  1.3 s',
      '  ✗ 2019/06/02/ex/Example_ex_2019-06-02.csv: no such object',
    ]);
  });
});
