// Asks every polled device who it is and what it has (gridsmart.md §1.2 step 4): site, clock,
// hardware, then its day list, a few devices at a time. A device that fails any step is reported
// and left out; the others go on.
import { LakeError, type Logger } from '@lake/core';
import { siteBase, type DeviceDateTime, type DeviceSite } from '../site/site-file';
import type { GridsmartDevice } from './device-client';
import { UnsafeSiteBase } from './device-errors';
import type { PolledDevice } from './polled-devices';

/** What one device said about itself. */
export interface SurveyedDevice {
  polled: PolledDevice;
  client: GridsmartDevice;
  /** Where it was reached: `device_ip` (set even for a device without cameras, §8.17 fixed). */
  address: string;
  /** The lake's name for it: `Street1_Street2` of its site file. */
  siteBase: string;
  site: DeviceSite;
  clock: DeviceDateTime;
  hardware: Record<string, unknown>;
  /** Days it has a counts archive for, `YYYY-MM-DD`, as listed. */
  days: string[];
}

export interface SurveyFailure {
  polled: PolledDevice;
  error: unknown;
}

export interface DeviceSurvey {
  /** In the order of the polled devices. */
  devices: SurveyedDevice[];
  failures: SurveyFailure[];
}

export interface SurveyOptions {
  /** The API client of one device address. */
  connect: (address: string) => GridsmartDevice;
  /** Devices asked at once. */
  concurrency: number;
  log: Logger;
}

export async function surveyDevices(polled: readonly PolledDevice[], options: SurveyOptions): Promise<DeviceSurvey> {
  const outcomes = new Array<SurveyedDevice | SurveyFailure>(polled.length);
  let next = 0;
  const worker = async () => {
    while (next < polled.length) {
      const index = next++;
      outcomes[index] = await surveyOne(polled[index], options).catch((error: unknown) => ({ polled: polled[index], error }));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, polled.length)) }, worker));

  const survey: DeviceSurvey = { devices: [], failures: [] };
  const baseOwners = new Map<string, SurveyedDevice>();
  for (const outcome of outcomes) {
    if ('error' in outcome) {
      survey.failures.push(outcome);
      continue;
    }
    // Two devices with one site name would write the same lake files; the first one keeps it.
    const owner = baseOwners.get(outcome.siteBase);
    if (owner) {
      survey.failures.push({ polled: outcome.polled, error: new DuplicateSiteBase(outcome, owner) });
      continue;
    }
    baseOwners.set(outcome.siteBase, outcome);
    survey.devices.push(outcome);
  }
  options.log.info(`GRIDSMART devices: ${survey.devices.length} answered, ${survey.failures.length} failed (of ${polled.length} polled)`);
  return survey;
}

async function surveyOne(polled: PolledDevice, options: SurveyOptions): Promise<SurveyedDevice> {
  const client = options.connect(polled.address);
  const site = await client.site();
  const base = siteBase(site);
  const unsafe = unsafeBaseReason(base);
  if (unsafe) throw new UnsafeSiteBase(polled.address, base, unsafe);
  const clock = await client.clock();
  const hardware = await client.hardwareInfo();
  const days = [...new Set(await client.countDays())];
  options.log.info(`GRIDSMART device ${polled.address} (${base}): ${days.length} day(s) available`);
  return { polled, client, address: polled.address, siteBase: base, site, clock, hardware, days };
}

/**
 * Why a site name cannot name lake files, or null. `/` already became `&`; a backslash, a control
 * character or a name made of dots could still step out of the data source's folder.
 */
export function unsafeBaseReason(base: string): string | null {
  if (base.includes('\\')) return 'contains a backslash';
  if (/[\u0000-\u001f\u007f]/.test(base)) return 'contains a control character';
  if (/^[.\s]*$/.test(base)) return 'is made only of dots and spaces';
  return null;
}

export class DuplicateSiteBase extends LakeError {
  constructor(device: SurveyedDevice, owner: SurveyedDevice) {
    super(
      'GS_DUPLICATE_SITE_BASE',
      `GRIDSMART device ${device.address} has the site name ${device.siteBase} of device ${owner.address}; its counts would overwrite the other's, so it was skipped`,
      "give the devices distinct Street1/Street2 in their site configuration, or mark the old one REMOVED in Knack",
    );
  }
}
