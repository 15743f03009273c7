import { LakeTime } from '../time/lake-time';
import { DaysProvider } from './days-provider';
import type { DateRange } from './provider';
import { collect, openRange } from './test-support/list-provider';

const time = new LakeTime('America/Chicago', () => new Date('2020-09-20T17:00:00Z'));
const at = (text: string) => time.parse(text);

/** A database that has data on the given days and ignores the range it is asked for. */
function database(days: string[]) {
  const asked: DateRange[] = [];
  return {
    asked,
    days: async (range: DateRange) => {
      asked.push(range);
      return days.map(at);
    },
  };
}

describe('DaysProvider', () => {
  it('asks for one calendar day in exact mode and yields only that day (fixes C-10)', async () => {
    const db = database(['2020-11-01', '2020-11-02', '2020-11-03']);
    const provider = new DaysProvider({ days: db.days, base: 'Austin', ext: 'csv', time });
    const day = at('2020-11-01');
    const items = await collect(provider.items({ start: day, end: day, lastRun: null, exact: true }));
    // 2020-11-01 is 25 hours long: the end is the next midnight, not 24 h later.
    expect(db.asked).toEqual([{ start: day, end: at('2020-11-02'), lastRun: null, exact: false }]);
    expect(items.map((item) => item.label)).toEqual(['Austin_2020-11-01.csv']);
  });

  it('passes an ordinary range through and keeps only the days inside it, sorted and once each', async () => {
    const db = database(['2020-09-14', '2020-09-12', '2020-09-13', '2020-09-12', '2020-09-10', '2020-09-15']);
    const provider = new DaysProvider({ days: db.days, base: 'Austin', ext: 'csv', time });
    const range = openRange(at('2020-09-11'), { end: at('2020-09-15') });
    const items = await collect(provider.items(range));
    expect(db.asked).toEqual([range]);
    expect(items.map((item) => item.date)).toEqual([at('2020-09-12'), at('2020-09-13'), at('2020-09-14')]);
  });

  it('builds items: fixed base and ext, a label per day, the day as payload', async () => {
    const provider = new DaysProvider({ days: database(['2020-09-12']).days, base: 'Austin', ext: 'csv', time });
    const [item] = await collect(provider.items(openRange(at('2020-09-01'))));
    expect(item).toEqual({ base: 'Austin', ext: 'csv', date: at('2020-09-12'), dateEnd: null, label: 'Austin_2020-09-12.csv', payload: at('2020-09-12') });
  });

  it('takes days from an async listing and a custom label', async () => {
    async function* days() {
      yield at('2020-09-13');
      yield at('2020-09-12');
    }
    const provider = new DaysProvider({ days, base: 'Austin', ext: 'csv', label: (day) => `wt ${time.calendarDate(day)}`, time });
    const items = await collect(provider.items(openRange(at('2020-09-01'))));
    expect(items.map((item) => item.label)).toEqual(['wt 2020-09-12', 'wt 2020-09-13']);
  });

  it("drops today's day unless an end date is given", async () => {
    const provider = new DaysProvider({ days: database(['2020-09-19', '2020-09-20']).days, base: 'Austin', ext: 'csv', time });
    const withoutEnd = await collect(provider.items(openRange(at('2020-09-01'))));
    expect(withoutEnd.map((item) => item.label)).toEqual(['Austin_2020-09-19.csv']);
    const withEnd = await collect(provider.items(openRange(at('2020-09-01'), { end: at('2020-10-01') })));
    expect(withEnd.map((item) => item.label)).toEqual(['Austin_2020-09-19.csv', 'Austin_2020-09-20.csv']);
  });
});
