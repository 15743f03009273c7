import { printStageResults } from './print-results';

describe('printStageResults', () => {
  it('prints one aligned line per stage and every failed item under it', () => {
    const lines: string[] = [];
    printStageResults(
      [
        { stage: 'bt:insert', records: 9, items: 9, failures: [], seconds: 0.04 },
        {
          stage: 'bt:standard',
          records: 4,
          items: 9,
          failures: [{ label: '2019/06/02/bt/Austin_bt_2019-06-02_matched.txt', date: new Date(0), code: 'OBJECT_NOT_FOUND', message: 'no such object' }],
          seconds: 1.26,
        },
      ],
      (line) => lines.push(line),
    );
    expect(lines).toEqual([
      'bt:insert        ok        items     9  records        9  0.0 s',
      'bt:standard      FAILED 1  items     9  records        4  1.3 s',
      '  ✗ 2019/06/02/bt/Austin_bt_2019-06-02_matched.txt: no such object',
    ]);
  });
});
