import { recordId } from './record-id';

describe('recordId', () => {
  // Reference digests from Python's hashlib.md5 of the same text (what upstream sent).
  it('is the md5 of the plain concatenation, heavy_vehicle spelled as Python does', () => {
    // md5("LAMAR BLVD / KOENIG LN2020-03-04T07:45:00FalseNORTHBOUNDTHRU")
    expect(recordId('LAMAR BLVD / KOENIG LN', '2020-03-04T07:45:00', false, 'NORTHBOUND', 'THRU')).toBe('9e15324d8cfdc19ff175648b3ef08216');
    // md5("LAMAR BLVD / KOENIG LN2019-11-03T01:00:00TrueSOUTHBOUNDLEFT TURN")
    expect(recordId('LAMAR BLVD / KOENIG LN', '2019-11-03T01:00:00', true, 'SOUTHBOUND', 'LEFT TURN')).toBe('70812390cc11c6c17a73f40668bae142');
  });

  it('appends the offset of the first pass through the repeated hour at the end', () => {
    // md5("LAMAR BLVD / KOENIG LN2019-11-03T01:00:00TrueSOUTHBOUNDLEFT TURN-05:00")
    expect(recordId('LAMAR BLVD / KOENIG LN', '2019-11-03T01:00:00', true, 'SOUTHBOUND', 'LEFT TURN', '-05:00')).toBe('b24d68385d7a40b314247fd4b090b267');
  });
});
