import { DebugPublishRefused, publishDataset } from './debug-dataset';

describe('publishDataset', () => {
  it('is the production dataset outside debug mode', () => {
    expect(publishDataset('qnpj-zrb9', false, { driver: 'socrata' })).toBe('qnpj-zrb9');
  });

  it('uses the configured debug dataset in debug mode', () => {
    expect(publishDataset('qnpj-zrb9', true, { driver: 'socrata', debugDatasets: { 'qnpj-zrb9': 'test-iaf1' } })).toBe('test-iaf1');
  });

  it('gives the embedded CSV publisher a -test file in debug mode', () => {
    expect(publishDataset('qnpj-zrb9', true, undefined)).toBe('qnpj-zrb9-test');
    expect(publishDataset('qnpj-zrb9', true, { driver: 'csv' })).toBe('qnpj-zrb9-test');
  });

  it('refuses a production dataset of any other publisher in debug mode, with a hint', () => {
    expect(() => publishDataset('qnpj-zrb9', true, { driver: 'socrata' })).toThrow(DebugPublishRefused);
    expect(() => publishDataset('qnpj-zrb9', true, { driver: 'socrata', debugDatasets: { 'x44q-icha': 'test-itm1' } })).toThrow(
      expect.objectContaining({ code: 'DEBUG_PUBLISH_REFUSED', exitCode: 2, hint: expect.stringContaining('debugDatasets') }),
    );
  });
});
