import { socrataSettings } from './socrata-settings';

const credentials = { username: 'publisher@example.org', password: 'secret-password' };

describe('socrataSettings', () => {
  it('turns a host into its HTTPS URL and applies the defaults', () => {
    expect(socrataSettings({ driver: 'socrata', host: 'data.austintexas.gov', ...credentials })).toEqual({
      baseUrl: 'https://data.austintexas.gov',
      ...credentials,
      appToken: null,
      chunkSize: 10_000,
      timeoutMs: 120_000,
      attempts: 4,
      backoffMs: 1000,
    });
  });

  it('takes a base URL, an app token, and numbers given as text (from ${env:…})', () => {
    expect(
      socrataSettings({ driver: 'socrata', baseUrl: 'http://127.0.0.1:8080', ...credentials, appToken: 'token', chunkSize: '5000', timeoutMs: 1000, attempts: '2', backoffMs: 10 }),
    ).toMatchObject({ baseUrl: 'http://127.0.0.1:8080', appToken: 'token', chunkSize: 5000, timeoutMs: 1000, attempts: 2, backoffMs: 10 });
  });

  it('has no default portal, so no config writes production by accident', () => {
    expect(() => socrataSettings({ driver: 'socrata', ...credentials })).toThrow(expect.objectContaining({ code: 'CONFIG', exitCode: 2, message: 'the socrata publish driver needs "host"' }));
  });

  it.each([
    [{ host: 'a.gov', baseUrl: 'https://a.gov' }, 'give "host" or "baseUrl", not both'],
    [{ host: 'https://data.austintexas.gov' }, 'is not a host name'],
    [{ baseUrl: 'data.austintexas.gov' }, 'is not a URL'],
    [{ baseUrl: 'ftp://data.austintexas.gov' }, 'must be an http(s) URL'],
    [{ host: 'a.gov', chunkSize: 0 }, 'chunkSize must be a positive whole number'],
    [{ host: 'a.gov', attempts: 'many' }, 'attempts must be a positive whole number'],
    [{ host: 'a.gov', appToken: 42 }, 'appToken must be text'],
  ])('refuses %j', (settings, message) => {
    expect(() => socrataSettings({ driver: 'socrata', ...credentials, ...settings })).toThrow(message);
  });

  it('names the missing credential and the environment variable to set, never a value', () => {
    expect(() => socrataSettings({ driver: 'socrata', host: 'a.gov', username: 'u', password: '' })).toThrow(
      expect.objectContaining({ message: 'the socrata publish driver needs "password"', hint: expect.stringContaining('${env:SOCRATA_PASSWORD}') }),
    );
    expect(() => socrataSettings({ driver: 'socrata', host: 'a.gov', password: 'secret-password' })).toThrow(
      expect.objectContaining({ message: 'the socrata publish driver needs "username"', hint: expect.not.stringContaining('secret-password') }),
    );
  });
});
