// What can go wrong talking to a GRIDSMART device. Each names the device (and the day or URL), so
// a run's failure list says which intersection to look at.
import { LakeError, describeError, type HttpError } from '@lake/core';

const REACH_HINT = "check the device's IP (device_ip in the unit data) and that this host can reach it on the device port (sources.gs.port)";

/** The device did not answer (refused, timed out, cut off) or answered with an error status. */
export class DeviceRequestFailed extends LakeError {
  /** The status the device answered with; null when it did not answer. */
  readonly status: number | null;

  constructor(cause: HttpError) {
    const answered = cause.status !== null;
    // The client's message already names the device, the request and the reason.
    super(
      answered ? 'DEVICE_HTTP_ERROR' : 'DEVICE_UNREACHABLE',
      describeError(cause),
      answered ? 'the device answered with an error; look at it in its web interface, or retry later' : REACH_HINT,
      1,
      { cause },
    );
    this.status = cause.status;
  }
}

/** A JSON endpoint answered something that is not JSON (an HTML page, a truncated body). */
export class DeviceAnswerNotJson extends LakeError {
  constructor(url: string, answer: unknown) {
    super('DEVICE_ANSWER_NOT_JSON', `${url} answered ${excerpt(answer)}, which is not JSON`, 'the device may be restarting or not be a GRIDSMART processor; retry later');
  }
}

/** A JSON answer without the shape the API documents. */
export class DeviceAnswerInvalid extends LakeError {
  constructor(url: string, why: string) {
    super('DEVICE_ANSWER_INVALID', `${url}: ${why}`, 'the device firmware may answer differently; compare with gridsmart.md §1');
  }
}

/** A counts download that is not a ZIP archive (an error page sent with status 200). */
export class DeviceAnswerNotZip extends LakeError {
  constructor(device: string, day: string, start: Buffer) {
    super(
      'DEVICE_ANSWER_NOT_ZIP',
      `GRIDSMART device ${device}: the counts of ${day} are not a ZIP archive (it starts with ${JSON.stringify(start.toString('latin1'))}); nothing was stored`,
      'the device sent an error page instead of the archive; the day is fetched again on the next run',
    );
  }
}

/** A device whose site name cannot become a lake file name. */
export class UnsafeSiteBase extends LakeError {
  constructor(device: string, base: string, why: string) {
    super('GS_UNSAFE_SITE_BASE', `GRIDSMART device ${device}: its site name ${JSON.stringify(base)} ${why}`, "fix Street1/Street2 in the device's site configuration");
  }
}

function excerpt(answer: unknown): string {
  if (answer === null || answer === undefined || answer === '') return 'an empty body';
  const text = typeof answer === 'string' ? answer : JSON.stringify(answer);
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
}

/** Without unit data there is no device list, so there is nothing to poll. */
export class DeviceListUnavailable extends LakeError {
  constructor(cause: unknown) {
    super(
      'GS_DEVICE_LIST_UNAVAILABLE',
      `no GRIDSMART device list: the unit data could not be fetched: ${describeError(cause)}`,
      (cause instanceof LakeError ? cause.hint : undefined) ?? 'check unitData in lake.config.json',
      1,
      { cause },
    );
  }
}

/** An archived counts file (`--sourcedir`) that is not a ZIP archive. */
export class ArchivedFileNotZip extends LakeError {
  constructor(file: string, start: Buffer) {
    super('GS_FILE_NOT_ZIP', `${file} is not a ZIP archive (it starts with ${JSON.stringify(start.toString('latin1'))}); not imported`, 'replace it with the archive the device served, or remove it');
  }
}

/** An archived site file (`--sourcedir`) that is not a lake site file. */
export class InvalidArchivedSiteFile extends LakeError {
  constructor(file: string, why: string) {
    super('GS_INVALID_SITE_FILE', `${file} is not a GRIDSMART site file: ${why}; not imported`, 'a site file is JSON with "header" and "site" objects, as gs:insert writes it');
  }
}
