// How the host's UTC time is written next to a device's clock reading (gridsmart.md §1):
// `MM/DD/YYYY hh:mm:ss AM|PM`, zero-padded, 12-hour, always UTC.

export function hostTimeUTC(instant: Date): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  const hour = instant.getUTCHours();
  const twelveHour = hour % 12 === 0 ? 12 : hour % 12;
  const date = `${pad(instant.getUTCMonth() + 1)}/${pad(instant.getUTCDate())}/${instant.getUTCFullYear()}`;
  const time = `${pad(twelveHour)}:${pad(instant.getUTCMinutes())}:${pad(instant.getUTCSeconds())}`;
  return `${date} ${time} ${hour < 12 ? 'AM' : 'PM'}`;
}
