import { LakeTime, type CatalogEntry, type DateRange, type Provider, type ProviderItem } from '@lake/core';
import { intersectionDays } from './intersection-days';

const time = new LakeTime('America/Chicago');
const ALL: DateRange = { start: null, end: null, lastRun: null, exact: false };

function rows(list: [string, string, string][]): Provider<CatalogEntry> {
  return {
    async *items() {
      for (const [day, base, ext] of list) {
        const date = time.dayStart(day);
        const entry: CatalogEntry = { repository: 'rawjson', dataSource: 'gs', base, ext, pointer: `${day}/${base}/${ext}`, collectionDate: date, processingDate: date };
        yield { base, ext, date, dateEnd: null, label: entry.pointer, payload: entry } satisfies ProviderItem<CatalogEntry>;
      }
    },
  };
}

const GUID_A = '0a1b2c3d-0000-4e5f-8a9b-112233445566.json';
const GUID_B = '2c6dff02-cb0c-4da0-adc5-28dd1946df40.json';

describe('intersectionDays', () => {
  it('makes one counts item per day and intersection, bases sorted within a day, from the zone files only', async () => {
    const provider = intersectionDays(
      rows([
        ['2020-03-04', 'Lamar_Koenig', GUID_A],
        ['2020-03-04', 'Burnet_Richcreek', GUID_A],
        ['2020-03-04', 'Lamar_Koenig', GUID_B],
        ['2020-03-04', 'Lamar_Koenig', 'site.json'],
        ['2020-03-04', 'Austin', 'unit_data.json'],
        ['2020-03-05', 'Lamar_Koenig', GUID_B],
        ['2020-03-06', 'Austin', 'unit_data.json'],
      ]),
      time,
    );
    const items: ProviderItem<CatalogEntry[]>[] = [];
    for await (const item of provider.items(ALL)) items.push(item);
    expect(items.map((item) => [time.calendarDate(item.date), item.base, item.ext, item.label, item.payload.map((row) => row.ext)])).toEqual([
      ['2020-03-04', 'Burnet_Richcreek', 'counts.json', 'Burnet_Richcreek_gs_2020-03-04_counts.json', [GUID_A]],
      ['2020-03-04', 'Lamar_Koenig', 'counts.json', 'Lamar_Koenig_gs_2020-03-04_counts.json', [GUID_A, GUID_B]],
      ['2020-03-05', 'Lamar_Koenig', 'counts.json', 'Lamar_Koenig_gs_2020-03-05_counts.json', [GUID_B]],
    ]);
  });
});
