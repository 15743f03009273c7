// The example source's file: one line per sensor reading, `sensor,count` with a header row.
// A bad line is reported and skipped; it never stops the file.

export interface CountRecord {
  sensor: string;
  count: number;
}

export interface ParsedCounts {
  records: CountRecord[];
  problems: string[];
}

export function parseCountsCsv(text: string, fileLabel: string): ParsedCounts {
  const records: CountRecord[] = [];
  const problems: string[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, index) => {
    if (index === 0 || line.trim() === '') return;
    const [sensor, count, ...extra] = line.split(',');
    const value = Number(count);
    if (!sensor || extra.length > 0 || count === undefined || count.trim() === '' || !Number.isInteger(value)) {
      problems.push(`${fileLabel} line ${index + 1}: expected "sensor,count", got "${line}"`);
      return;
    }
    records.push({ sensor, count: value });
  });
  return { records, problems };
}
