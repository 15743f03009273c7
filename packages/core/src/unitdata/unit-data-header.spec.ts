import { LakeTime } from '../time/lake-time';
import { unitDataHeader } from './unit-data-header';

function headerAt(instant: string, options: { dataSource?: string; sameDay?: boolean } = {}) {
  const time = new LakeTime('America/Chicago', () => new Date(instant));
  return unitDataHeader({ areaBase: 'Austin', dataSource: options.dataSource ?? 'gs', time, sameDay: options.sameDay });
}

describe('unitDataHeader', () => {
  it('stamps a normal day with its midnight and names the file after it', () => {
    expect(headerAt('2020-03-05T07:30:04.120Z')).toEqual({
      data_type: 'gs_unit_data',
      target_filename: 'Austin_gs_2020-03-05_unit_data.json',
      collection_date: '2020-03-05 00:00:00-06:00',
      processing_date: '2020-03-05 01:30:04.120000-06:00',
    });
  });

  it('uses the data source code in the type and the file name', () => {
    const header = headerAt('2019-06-02T09:00:00Z', { dataSource: 'bt' });
    expect(header.data_type).toBe('bt_unit_data');
    expect(header.target_filename).toBe('Austin_bt_2019-06-02_unit_data.json');
    expect(header.collection_date).toBe('2019-06-02 00:00:00-05:00');
    expect(header.processing_date).toBe('2019-06-02 04:00:00-05:00');
  });

  it('gives the spring-forward day the offset of its own midnight, not of the time after the change', () => {
    const header = headerAt('2020-03-08T15:00:00Z');
    expect(header.processing_date).toBe('2020-03-08 10:00:00-05:00');
    expect(header.collection_date).toBe('2020-03-08 00:00:00-06:00');
  });

  it('gives the fall-back day the offset of its own midnight, not of the time after the change', () => {
    const header = headerAt('2020-11-01T12:00:00Z');
    expect(header.processing_date).toBe('2020-11-01 06:00:00-06:00');
    expect(header.collection_date).toBe('2020-11-01 00:00:00-05:00');
  });

  it('still stamps the old day just before local midnight, although UTC is already on the next day', () => {
    const header = headerAt('2020-03-05T05:59:59.999Z');
    expect(header.collection_date).toBe('2020-03-04 00:00:00-06:00');
    expect(header.target_filename).toBe('Austin_gs_2020-03-04_unit_data.json');
    expect(header.processing_date).toBe('2020-03-04 23:59:59.999000-06:00');
  });

  it('stamps the new day just after local midnight', () => {
    const header = headerAt('2020-03-05T06:00:00.001Z');
    expect(header.collection_date).toBe('2020-03-05 00:00:00-06:00');
    expect(header.target_filename).toBe('Austin_gs_2020-03-05_unit_data.json');
  });

  it('stamps the previous calendar day when not sameDay, across DST changes', () => {
    expect(headerAt('2020-03-05T07:30:00Z', { sameDay: false }).collection_date).toBe('2020-03-04 00:00:00-06:00');
    expect(headerAt('2020-03-09T12:00:00Z', { sameDay: false }).collection_date).toBe('2020-03-08 00:00:00-06:00');
    const afterFallBack = headerAt('2020-11-02T12:00:00Z', { sameDay: false });
    expect(afterFallBack.collection_date).toBe('2020-11-01 00:00:00-05:00');
    expect(afterFallBack.target_filename).toBe('Austin_gs_2020-11-01_unit_data.json');
  });
});
