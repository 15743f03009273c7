import { MemoryLogger } from '../log/logger';
import { LakeTime } from '../time/lake-time';
import type { PerfmetDriver, PerfmetJob, PerfmetObservation } from './perfmet-driver';
import { DATA_SOURCE_NAMES, dataSourceName, PerfmetRecorder } from './perfmet-recorder';

const HOUR_MS = 3_600_000;

/** A driver that remembers every write. */
class RecordingDriver implements PerfmetDriver {
  readonly jobs: PerfmetJob[] = [];
  readonly observationCalls: PerfmetObservation[][] = [];
  async writeJob(job: PerfmetJob): Promise<void> {
    this.jobs.push(job);
  }
  async writeObservations(observations: PerfmetObservation[]): Promise<void> {
    this.observationCalls.push(observations);
  }
  async *readJobs(): AsyncIterable<PerfmetJob> {}
  async *readObservations(): AsyncIterable<PerfmetObservation> {}
  async close(): Promise<void> {}
}

/** A clock the test moves by hand. */
function manualClock(start: string) {
  let current = new Date(start);
  return {
    now: () => current,
    advance(ms: number) {
      current = new Date(current.getTime() + ms);
    },
  };
}

function recorder(options: { simulate?: boolean; driver?: PerfmetDriver | null; clockStart?: string } = {}) {
  const clock = manualClock(options.clockStart ?? '2020-03-05T10:00:00.512Z');
  const time = new LakeTime('America/Chicago', clock.now);
  const driver = options.driver === undefined ? new RecordingDriver() : options.driver;
  const log = new MemoryLogger();
  const perfmet = new PerfmetRecorder({ driver, dataSource: 'GRIDSMART', stage: 'Standardize', time, simulate: options.simulate, log });
  return { perfmet, time, clock, driver, log };
}

describe('PerfmetRecorder.recordCollect', () => {
  it('covers one day from its midnight to the next midnight', async () => {
    const { perfmet, time } = recorder();
    perfmet.recordCollect(time.dayStart('2020-03-04'));
    const job = perfmet.job(1);
    expect(time.format(job.collectionStart!)).toBe('2020-03-04 00:00:00-06:00');
    expect(time.format(job.collectionEnd!)).toBe('2020-03-05 00:00:00-06:00');
  });

  it('keeps the earliest start and the latest end when days arrive out of order', () => {
    const { perfmet, time } = recorder();
    for (const day of ['2020-02-10', '2020-02-04', '2020-03-04', '2020-02-20']) perfmet.recordCollect(time.dayStart(day));
    const job = perfmet.job(4);
    expect(time.format(job.collectionStart!)).toBe('2020-02-04 00:00:00-06:00');
    expect(time.format(job.collectionEnd!)).toBe('2020-03-05 00:00:00-06:00');
  });

  it('ends a spring-forward day at the next local midnight, 23 hours later', () => {
    const { perfmet, time } = recorder();
    const day = time.dayStart('2020-03-08');
    perfmet.recordCollect(day);
    const job = perfmet.job(1);
    expect(time.format(job.collectionEnd!)).toBe('2020-03-09 00:00:00-05:00');
    expect(job.collectionEnd!.getTime() - day.getTime()).toBe(23 * HOUR_MS);
  });

  it('ends a fall-back day at the next local midnight, 25 hours later', () => {
    const { perfmet, time } = recorder();
    const day = time.dayStart('2020-11-01');
    perfmet.recordCollect(day);
    const job = perfmet.job(1);
    expect(time.format(job.collectionEnd!)).toBe('2020-11-02 00:00:00-06:00');
    expect(job.collectionEnd!.getTime() - day.getTime()).toBe(25 * HOUR_MS);
  });

  it('ends a day given with a time of day at the next calendar midnight, keeping the given start', () => {
    const { perfmet, time } = recorder();
    const afternoon = time.parse('2020-03-04 15:30:00-06:00');
    perfmet.recordCollect(afternoon);
    const job = perfmet.job(1);
    expect(job.collectionStart).toEqual(afternoon);
    expect(time.format(job.collectionEnd!)).toBe('2020-03-05 00:00:00-06:00');
  });

  it('uses the date itself as the end when it does not represent a day', () => {
    const { perfmet, time } = recorder();
    const first = time.parse('2020-03-04 08:00:00-06:00');
    const second = time.parse('2020-03-04 09:15:00-06:00');
    perfmet.recordCollect(second, false);
    perfmet.recordCollect(first, false);
    const job = perfmet.job(2);
    expect(job.collectionStart).toEqual(first);
    expect(job.collectionEnd).toEqual(second);
  });
});

describe('PerfmetRecorder.logJob', () => {
  it('writes a job with null collection dates when nothing was recorded', async () => {
    const { perfmet, driver } = recorder();
    const job = await perfmet.logJob(0);
    expect(job).toMatchObject({ records: 0, failures: 0, collectionStart: null, collectionEnd: null });
    expect((driver as RecordingDriver).jobs).toEqual([job]);
  });

  it('measures seconds from construction with the injected clock', async () => {
    const { perfmet, clock, driver } = recorder();
    clock.advance(412_770);
    await perfmet.logJob(93, 2);
    const [job] = (driver as RecordingDriver).jobs;
    expect(job.seconds).toBeCloseTo(412.77, 6);
    expect(job).toMatchObject({ dataSource: 'GRIDSMART', stage: 'Standardize', records: 93, failures: 2 });
    expect(job.processingDate).toEqual(new Date('2020-03-05T10:00:00.512Z'));
  });
});

describe('PerfmetRecorder observations', () => {
  it('makes no driver call when no observation is held', async () => {
    const { perfmet, driver } = recorder();
    expect(await perfmet.writeSensorObs()).toEqual([]);
    expect((driver as RecordingDriver).observationCalls).toEqual([]);
  });

  it('writes every held observation in one call, then forgets them', async () => {
    const { perfmet, time, driver } = recorder();
    const day = time.dayStart('2020-03-04');
    perfmet.recordSensorObs('Lamar_Koenig', 'Vehicle Counts', { observation: 18234, collectionDate: day });
    perfmet.recordSensorObs('Burnet_Richcreek', 'Vehicle Counts', { observation: 9001, collectionDate: day });
    await perfmet.writeSensorObs();
    await perfmet.writeSensorObs();
    const calls = (driver as RecordingDriver).observationCalls;
    expect(calls).toHaveLength(1);
    expect(calls[0].map((row) => row.sensorName)).toEqual(['Lamar_Koenig', 'Burnet_Richcreek']);
    expect(calls[0][0]).toEqual({
      dataSource: 'GRIDSMART',
      sensorName: 'Lamar_Koenig',
      dataType: 'Vehicle Counts',
      data: 18234,
      expected: null,
      collectionDate: day,
      timestampMin: null,
      timestampMax: null,
    });
  });

  it('keeps several days of the same sensor until the flush', async () => {
    const { perfmet, time, driver } = recorder();
    perfmet.recordSensorObs('Lamar_Koenig', 'Vehicle Counts', { observation: 1, collectionDate: time.dayStart('2020-03-03') });
    perfmet.recordSensorObs('Lamar_Koenig', 'Vehicle Counts', { observation: 2, collectionDate: time.dayStart('2020-03-04') });
    perfmet.recordSensorObs('Lamar_Koenig', 'Vehicle Counts', { observation: 3, collectionDate: time.dayStart('2020-03-04') });
    await perfmet.writeSensorObs();
    const [batch] = (driver as RecordingDriver).observationCalls;
    expect(batch.map((row) => [time.calendarDate(row.collectionDate), row.data])).toEqual([
      ['2020-03-03', 1],
      ['2020-03-04', 3],
    ]);
  });

  it('passes timestamp text through unchanged and keeps timestamp dates as dates', async () => {
    const { perfmet, time, driver } = recorder();
    const min = time.parse('2020-03-03 23:58:41.300-06:00');
    perfmet.recordSensorObs('reader_1', 'Unmatched Entries', {
      observation: 12,
      collectionDate: time.dayStart('2020-03-04'),
      minTimestamp: '03/04/2020 12:00:01 AM',
      maxTimestamp: '03/04/2020 11:59:59 PM',
    });
    perfmet.recordSensorObs('Lamar_Koenig', 'Vehicle Counts', {
      observation: 5,
      collectionDate: time.dayStart('2020-03-04'),
      minTimestamp: min,
      maxTimestamp: null,
    });
    await perfmet.writeSensorObs();
    const [batch] = (driver as RecordingDriver).observationCalls;
    expect(batch[0]).toMatchObject({ timestampMin: '03/04/2020 12:00:01 AM', timestampMax: '03/04/2020 11:59:59 PM' });
    expect(batch[1]).toMatchObject({ timestampMin: min, timestampMax: null });
  });
});

describe('PerfmetRecorder without writing', () => {
  it('writes nothing when simulating but still computes the job and observations', async () => {
    const driver = new RecordingDriver();
    const { perfmet, time, clock } = recorder({ simulate: true, driver });
    perfmet.recordCollect(time.dayStart('2020-03-04'));
    perfmet.recordSensorObs('Lamar_Koenig', 'Vehicle Counts', { observation: 7, collectionDate: time.dayStart('2020-03-04') });
    clock.advance(5_000);
    const written = await perfmet.writeSensorObs();
    const job = await perfmet.logJob(1);
    expect(driver.jobs).toEqual([]);
    expect(driver.observationCalls).toEqual([]);
    expect(written.map((row) => row.data)).toEqual([7]);
    expect(job.seconds).toBe(5);
    expect(time.format(job.collectionEnd!)).toBe('2020-03-05 00:00:00-06:00');
    expect(perfmet.writes).toBe(false);
  });

  it('works without a driver', async () => {
    const { perfmet, time } = recorder({ driver: null });
    perfmet.recordSensorObs('Lamar_Koenig', 'Vehicle Counts', { observation: 7, collectionDate: time.dayStart('2020-03-04') });
    await expect(perfmet.writeSensorObs()).resolves.toHaveLength(1);
    await expect(perfmet.logJob(0)).resolves.toMatchObject({ records: 0 });
  });
});

describe('dataSourceName', () => {
  it('names the known data sources and passes other codes through', () => {
    expect(DATA_SOURCE_NAMES).toEqual({ bt: 'Bluetooth', wt: 'Wavetronix', gs: 'GRIDSMART' });
    expect(dataSourceName('gs')).toBe('GRIDSMART');
    expect(dataSourceName('xx')).toBe('xx');
    expect(dataSourceName('toString')).toBe('toString');
  });
});

describe('PerfmetRecorder write failures', () => {
  it('keeps the observations when the driver fails, so the flush can be retried', async () => {
    class UnreachableDriver extends RecordingDriver {
      override async writeObservations(): Promise<void> {
        throw new Error('perfmet unreachable');
      }
    }
    const { perfmet, time } = recorder({ driver: new UnreachableDriver() });
    perfmet.recordSensorObs('Lamar_Koenig', 'Vehicle Counts', { observation: 7, collectionDate: time.dayStart('2020-03-04') });
    await expect(perfmet.writeSensorObs()).rejects.toThrow('perfmet unreachable');
    expect(perfmet.pendingObservations()).toHaveLength(1);
  });

  it('keeps what items running in parallel recorded while a write was on its way', async () => {
    let release: () => void = () => {};
    class SlowDriver extends RecordingDriver {
      override async writeObservations(observations: PerfmetObservation[]): Promise<void> {
        await new Promise<void>((resolve) => (release = resolve));
        await super.writeObservations(observations);
      }
    }
    const driver = new SlowDriver();
    const { perfmet, time } = recorder({ driver });
    const day = time.dayStart('2020-03-04');
    perfmet.recordSensorObs('Lamar_Koenig', 'Vehicle Counts', { observation: 7, collectionDate: day });
    const writing = perfmet.writeSensorObs();
    perfmet.recordSensorObs('Burnet_Richcreek', 'Vehicle Counts', { observation: 9, collectionDate: day });
    perfmet.recordSensorObs('Lamar_Koenig', 'Vehicle Counts', { observation: 8, collectionDate: day });
    release();
    await writing;
    expect(perfmet.pendingObservations().map((row) => [row.sensorName, row.data])).toEqual([
      ['Lamar_Koenig', 8],
      ['Burnet_Richcreek', 9],
    ]);
  });
});
