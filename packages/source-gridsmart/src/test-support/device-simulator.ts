// GRIDSMART devices on loopback, answering the device API exactly as gridsmart.md §1 shows it:
// site.json, datetime.json, system/hardwareinfo.json, counts.json and counts/bydate/<day>. Each
// device listens on its own loopback address (127.0.0.1, 127.0.0.2, …) on ONE shared port, so
// the unit data holds real distinct `device_ip`s and `settings.port` is that port, as in the city.
// Faults are set per device and endpoint, and may be changed between runs.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { LakeTime } from '@lake/core';
import type { DeviceSite } from '../site/site-file';
import { deviceSite } from './site-fixtures';

export type DeviceEndpoint = 'site' | 'datetime' | 'hardware' | 'days' | 'counts';

/**
 * - `status500`: an error page with status 500
 * - `html`: an HTML error page with status 200
 * - `cutOff`: half the body, then the connection is dropped
 * - `hang`: never answers
 * - `malformedJson`: a truncated JSON body with status 200
 */
export type DeviceFault = 'status500' | 'html' | 'cutOff' | 'hang' | 'malformedJson';

export interface SimulatedDevice {
  site: DeviceSite;
  hardware: Record<string, unknown>;
  /** Device clock = host clock + this (seconds). */
  driftSeconds: number;
  /** What `TimeZoneId` says; its offset is the zone's standard offset. */
  timeZoneId: string;
  /** Offset of the device's wall clock from UTC when it does not follow DST (minutes). */
  standardOffsetMinutes: number;
  /** Renders its clock in America/Chicago local time (DST included) instead of the standard offset. */
  followsDst: boolean;
  /** Day → counts archive bytes served by counts/bydate/<day>. */
  counts: Record<string, Buffer>;
  /** What counts.json lists; default: the days of `counts`, ascending (set it to list missing days). */
  listedDays: string[] | null;
  /** Extra fields of datetime.json; a field set to undefined is left out (e.g. DateTime). */
  datetimeFields: Record<string, unknown>;
  /** Every answer waits this long first. */
  delayMs: number;
  faults: Partial<Record<DeviceEndpoint, DeviceFault>>;
}

export interface SimulatorOptions {
  /** The host clock the device clocks follow (default: the system clock). */
  now?: () => Date;
}

const CHICAGO = new LakeTime('America/Chicago');
const PORT_TRIES = 5;

export function simulatedDevice(overrides: Partial<SimulatedDevice> = {}): SimulatedDevice {
  return {
    site: deviceSite(),
    hardware: { BoxSerialNumber: 'GS-0001', HardwareId: 'hw-1', HardwareVersion: '4' },
    driftSeconds: 0,
    timeZoneId: '(UTC-06:00) Central Time (US & Canada)',
    standardOffsetMinutes: -360,
    followsDst: false,
    counts: {},
    listedDays: null,
    datetimeFields: {},
    delayMs: 0,
    faults: {},
    ...overrides,
  };
}

export class DeviceSimulator {
  /** `<device address> <path>` of every request, in arrival order. */
  readonly requests: string[] = [];
  private readonly servers: http.Server[] = [];
  private readonly now: () => Date;
  private sharedPort = 0;

  private constructor(
    readonly devices: SimulatedDevice[],
    options: SimulatorOptions,
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /** Starts one server per device: device k on 127.0.0.<k+1> (Linux routes all of 127/8 to lo), all on one port. */
  static async start(devices: SimulatedDevice[], options: SimulatorOptions = {}): Promise<DeviceSimulator> {
    const simulator = new DeviceSimulator(devices, options);
    await simulator.listen();
    return simulator;
  }

  /** The shared port: `settings.port` of the lake under test. */
  get port(): number {
    return this.sharedPort;
  }

  /** `device_ip` of device k. */
  address(k: number): string {
    return `127.0.0.${k + 1}`;
  }

  /** Requests that reached device k, as paths (`site.json`, `counts/bydate/2020-03-04`). */
  requestsOf(k: number): string[] {
    const prefix = `${this.address(k)} `;
    return this.requests.filter((request) => request.startsWith(prefix)).map((request) => request.slice(prefix.length));
  }

  async close(): Promise<void> {
    await Promise.all(
      this.servers.map((server) => {
        // Hanging and half-sent answers keep sockets open; they must not keep close() waiting.
        server.closeAllConnections();
        return new Promise<void>((resolve) => server.close(() => resolve()));
      }),
    );
    this.servers.length = 0;
  }

  // Port 0 on the first address picks a free port; another address may have it taken already,
  // in which case everything starts again on a new one.
  private async listen(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        for (const [k] of this.devices.entries()) {
          const server = http.createServer((request, response) => this.answer(k, request, response));
          this.servers.push(server);
          await new Promise<void>((resolve, reject) => {
            server.once('error', reject);
            server.listen(this.sharedPort, this.address(k), () => resolve());
          });
          if (k === 0) this.sharedPort = (server.address() as AddressInfo).port;
        }
        return;
      } catch (error) {
        await this.close();
        this.sharedPort = 0;
        if (attempt >= PORT_TRIES) throw error;
      }
    }
  }

  private answer(k: number, request: http.IncomingMessage, response: http.ServerResponse): void {
    const path = new URL(request.url ?? '/', 'http://device').pathname.replace(/^\/api\//, '');
    this.requests.push(`${this.address(k)} ${path}`);
    const device = this.devices[k];
    setTimeout(() => {
      if (!response.destroyed) this.route(device, path, response);
    }, device.delayMs);
  }

  private route(device: SimulatedDevice, path: string, response: http.ServerResponse): void {
    const day = /^counts\/bydate\/(.+)$/.exec(path)?.[1];
    const endpoint: DeviceEndpoint | null =
      path === 'site.json' ? 'site'
      : path === 'datetime.json' ? 'datetime'
      : path === 'system/hardwareinfo.json' ? 'hardware'
      : path === 'counts.json' ? 'days'
      : day !== undefined ? 'counts'
      : null;
    if (endpoint === null) return send(response, 404, 'text/html', '<html><body>Not Found</body></html>');
    const fault = device.faults[endpoint];
    if (fault) return this.fail(fault, response);
    if (endpoint === 'site') return sendJson(response, device.site);
    if (endpoint === 'hardware') return sendJson(response, device.hardware);
    if (endpoint === 'datetime') return sendJson(response, this.dateTimeAnswer(device));
    if (endpoint === 'days') return sendJson(response, device.listedDays ?? Object.keys(device.counts).sort());
    const archive = device.counts[day as string];
    if (!archive) return send(response, 404, 'text/html', `<html><body>No counts for ${day}</body></html>`);
    send(response, 200, 'application/octet-stream', archive);
  }

  private fail(fault: DeviceFault, response: http.ServerResponse): void {
    switch (fault) {
      case 'status500':
        return send(response, 500, 'text/html', '<html><body>Internal Server Error</body></html>');
      case 'html':
        return send(response, 200, 'text/html', '<!DOCTYPE html><html><body>Service temporarily unavailable</body></html>');
      case 'malformedJson':
        return send(response, 200, 'application/json', '{"Location": {"Street1": "Lam');
      case 'hang':
        return; // the socket stays open until the client gives up or the simulator closes
      case 'cutOff': {
        const body = Buffer.alloc(64 * 1024, 'P');
        response.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': String(body.length) });
        response.write(body.subarray(0, body.length / 2), () => setTimeout(() => response.destroy(), 10));
        return;
      }
    }
  }

  /** `{"DateTime": "6/3/2019 2:32:13 AM", "TimeZoneId": "(UTC-06:00) …", …}` */
  private dateTimeAnswer(device: SimulatedDevice): Record<string, unknown> {
    const clock = new Date(this.now().getTime() + device.driftSeconds * 1000);
    const answer: Record<string, unknown> = {
      DateTime: deviceClockText(clock, device),
      TimeZoneId: device.timeZoneId,
      UtcOffset: device.standardOffsetMinutes,
      IsDaylightSavingTime: device.followsDst && CHICAGO.offsetMinutes(clock) !== device.standardOffsetMinutes,
      ...device.datetimeFields,
    };
    for (const [key, value] of Object.entries(answer)) if (value === undefined) delete answer[key];
    return answer;
  }
}

/** `6/3/2019 2:32:13 AM`: month, day and hour unpadded, 12-hour clock. */
export function deviceClockText(clock: Date, device: Pick<SimulatedDevice, 'followsDst' | 'standardOffsetMinutes'>): string {
  const wall = device.followsDst ? CHICAGO.wall(clock) : utcFields(new Date(clock.getTime() + device.standardOffsetMinutes * 60_000));
  const pad = (value: number) => String(value).padStart(2, '0');
  const hour = wall.hour % 12 === 0 ? 12 : wall.hour % 12;
  return `${wall.month}/${wall.day}/${wall.year} ${hour}:${pad(wall.minute)}:${pad(wall.second)} ${wall.hour < 12 ? 'AM' : 'PM'}`;
}

function utcFields(shifted: Date): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
  };
}

function sendJson(response: http.ServerResponse, body: unknown): void {
  send(response, 200, 'application/json; charset=utf-8', JSON.stringify(body));
}

function send(response: http.ServerResponse, status: number, contentType: string, body: string | Buffer): void {
  response.writeHead(status, { 'Content-Type': contentType, 'Content-Length': String(Buffer.byteLength(body)) });
  response.end(body);
}
