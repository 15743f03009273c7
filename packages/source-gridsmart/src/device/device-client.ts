// One GRIDSMART device's HTTP API (gridsmart.md §1), on the lake's shared HTTP client: every
// request has a timeout and is retried on connection errors and 5xx (upstream had neither, §8.1),
// and a counts download is accepted only when it really is a ZIP archive (§8.2).
import { rm } from 'node:fs/promises';
import { DownloadTooLarge, HttpClient, HttpError, LakeError, type Logger } from '@lake/core';
import type { GridsmartSettings } from '../gridsmart-settings';
import type { DeviceDateTime, DeviceSite } from '../site/site-file';
import { DeviceAnswerInvalid, DeviceAnswerNotJson, DeviceAnswerNotZip, DeviceRequestFailed } from './device-errors';
import { hostTimeUTC } from './host-time';
import { fileStart, startsLikeZip } from './zip-magic';

/** How hard to try; tests shorten it. Defaults are the core client's. */
export interface DeviceClientTuning {
  /** Attempts per request, the first included. */
  attempts?: number;
  /** First wait before a retry, doubled each time. */
  backoffMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** The host clock the clock reading is compared with (default: the system clock). */
  now?: () => Date;
  log?: Logger;
}

const DEFAULT_ATTEMPTS = 4;
const DEFAULT_BACKOFF_MS = 500;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export class GridsmartDevice {
  /** `device_ip` as given (with its `:port` when it carries one). */
  readonly address: string;
  readonly baseUrl: string;
  private readonly http: HttpClient;
  private readonly attempts: number;
  private readonly backoffMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => Date;

  constructor(
    address: string,
    private readonly settings: GridsmartSettings,
    tuning: DeviceClientTuning = {},
  ) {
    this.address = address.trim();
    this.baseUrl = deviceBaseUrl(this.address, settings.port);
    this.attempts = tuning.attempts ?? DEFAULT_ATTEMPTS;
    this.backoffMs = tuning.backoffMs ?? DEFAULT_BACKOFF_MS;
    this.sleep = tuning.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.now = tuning.now ?? (() => new Date());
    this.http = new HttpClient({
      baseUrl: this.baseUrl,
      service: `GRIDSMART device ${this.address}`,
      timeoutMs: settings.requestTimeoutSeconds * 1000,
      attempts: this.attempts,
      backoffMs: this.backoffMs,
      sleep: tuning.sleep,
      log: tuning.log,
    });
  }

  /** The device's configuration: location, cameras, zones (kept verbatim in the site file). */
  async site(): Promise<DeviceSite> {
    return this.getObject('site.json') as Promise<DeviceSite>;
  }

  /**
   * The device's clock reading (`DateTime`, `TimeZoneId`) and the host's UTC time at the midpoint
   * of the exchange that answered. Upstream took the host time after two more requests, up to
   * 45 s late (§8.3); so this request is retried here one attempt at a time.
   */
  async clock(): Promise<DeviceDateTime> {
    for (let attempt = 1; ; attempt++) {
      const sent = this.now().getTime();
      try {
        const answer = await this.getObject('datetime.json', false);
        const received = this.now().getTime();
        return clockReading(answer, this.url('datetime.json'), new Date(sent + (received - sent) / 2));
      } catch (error) {
        if (attempt >= this.attempts || !isTransient(error)) throw error;
        await this.sleep(this.backoffMs * 2 ** (attempt - 1));
      }
    }
  }

  /** `BoxSerialNumber`, `HardwareId`, … (kept verbatim). */
  async hardwareInfo(): Promise<Record<string, unknown>> {
    return this.getObject('system/hardwareinfo.json');
  }

  /** The days (`YYYY-MM-DD`) the device has a counts archive for, as it lists them. */
  async countDays(): Promise<string[]> {
    const path = 'counts.json';
    const answer = await this.getJson(path);
    if (!Array.isArray(answer)) throw new DeviceAnswerInvalid(this.url(path), `expected a list of days, got ${describeJson(answer)}`);
    for (const day of answer) {
      if (typeof day !== 'string' || !isCalendarDay(day)) throw new DeviceAnswerInvalid(this.url(path), `${JSON.stringify(day)} is not a day (YYYY-MM-DD)`);
    }
    return answer as string[];
  }

  /**
   * Streams one day's counts archive into `destinationPath` and checks that it is a ZIP; on any
   * failure the file is removed, so nothing but a real archive can reach the lake.
   */
  async downloadCounts(day: string, destinationPath: string): Promise<{ bytes: number }> {
    if (!isCalendarDay(day)) throw new LakeError('GS_INVALID_DAY', `not a day (YYYY-MM-DD): ${JSON.stringify(day)}`);
    const maxBytes = Math.round(this.settings.maxZipMiB * 1024 * 1024);
    let bytes: number;
    try {
      ({ bytes } = await this.http.download({ path: `counts/bydate/${day}` }, destinationPath, { maxBytes, timeoutMs: this.settings.downloadTimeoutSeconds * 1000 }));
    } catch (error) {
      if (error instanceof HttpError) throw new DeviceRequestFailed(error);
      if (error instanceof DownloadTooLarge) {
        throw new LakeError(error.code, error.message, 'raise sources.gs.maxZipMiB if the device really holds archives that large');
      }
      throw error;
    }
    const start = await fileStart(destinationPath);
    if (!startsLikeZip(start)) {
      await rm(destinationPath, { force: true });
      throw new DeviceAnswerNotZip(this.address, day, start);
    }
    return { bytes };
  }

  private url(path: string): string {
    return new URL(path, this.baseUrl).toString();
  }

  private async getObject(path: string, retry = true): Promise<Record<string, unknown>> {
    const answer = await this.getJson(path, retry);
    if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) {
      throw new DeviceAnswerInvalid(this.url(path), `expected a JSON object, got ${describeJson(answer)}`);
    }
    return answer as Record<string, unknown>;
  }

  private async getJson(path: string, retry = true): Promise<unknown> {
    let body: unknown;
    try {
      ({ body } = await this.http.request({ path, retry }));
    } catch (error) {
      throw error instanceof HttpError ? new DeviceRequestFailed(error) : error;
    }
    // The shared client hands back text when the body does not parse, and null when it is empty.
    if (typeof body === 'string' || body === null) throw new DeviceAnswerNotJson(this.url(path), body);
    return body;
  }
}

/** `http://<address>:<port>/api/`; an address that carries its own port keeps it. */
export function deviceBaseUrl(address: string, port: number): string {
  const host = address.trim();
  if (host === '') throw new LakeError('GS_NO_DEVICE_ADDRESS', 'a GRIDSMART device has no address', 'fill device_ip in the unit data');
  const bracketed = /^\[[^\]]+\](:\d+)?$/.exec(host);
  if (bracketed) return `http://${bracketed[1] ? host : `${host}:${port}`}/api/`;
  const colons = host.split(':').length - 1;
  if (colons > 1) return `http://[${host}]:${port}/api/`; // a bare IPv6 address
  return `http://${colons === 1 ? host : `${host}:${port}`}/api/`;
}

/** Only `DateTime` and `TimeZoneId` are kept from the answer (§1), plus the host time. */
function clockReading(answer: Record<string, unknown>, url: string, hostTime: Date): DeviceDateTime {
  const { DateTime, TimeZoneId } = answer;
  if (typeof DateTime !== 'string' || DateTime.trim() === '') throw new DeviceAnswerInvalid(url, 'the answer has no DateTime');
  if (typeof TimeZoneId !== 'string' || TimeZoneId.trim() === '') throw new DeviceAnswerInvalid(url, 'the answer has no TimeZoneId');
  return { DateTime, TimeZoneId, HostTimeUTC: hostTimeUTC(hostTime) };
}

/** Worth another attempt: no answer, or an answer that says "later". */
function isTransient(error: unknown): boolean {
  if (!(error instanceof DeviceRequestFailed)) return false;
  const status = error.status;
  return status === null || status === 408 || status === 429 || status >= 500;
}

function isCalendarDay(text: string): boolean {
  if (!DAY.test(text)) return false;
  const [year, month, day] = text.split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : JSON.stringify(value);
}
