// A minimal streaming CSV reader (RFC 4180 quoting) for the CSV files lake itself writes: enough
// to read a header back and to rewrite a file without some rows, one record in memory at a time.
import type { Readable } from 'node:stream';

export interface CsvRecord {
  fields: string[];
  /** The record's exact text, line terminator included, so rewrites keep bytes unchanged. */
  raw: string;
  /**
   * False only for a last record the file ends in the middle of (no line terminator, or inside
   * quotes): lake ends every record it writes with CRLF, so that is a write a killed run left.
   */
  complete: boolean;
}

export async function* readCsvRecords(input: Readable): AsyncIterable<CsvRecord> {
  input.setEncoding('utf8');
  let raw = '';
  let field = '';
  let fields: string[] = [];
  let inQuotes = false;
  let quoteInQuotes = false; // saw `"` inside quotes: either an escaped quote or the closing one
  for await (const chunk of input as AsyncIterable<string>) {
    for (const char of chunk) {
      raw += char;
      if (quoteInQuotes) {
        quoteInQuotes = false;
        if (char === '"') {
          field += '"';
          continue;
        }
        inQuotes = false;
      } else if (inQuotes) {
        if (char === '"') quoteInQuotes = true;
        else field += char;
        continue;
      }
      if (char === '"' && field === '') {
        inQuotes = true;
      } else if (char === ',') {
        fields.push(field);
        field = '';
      } else if (char === '\n') {
        fields.push(field.endsWith('\r') ? field.slice(0, -1) : field);
        yield { fields, raw, complete: true };
        raw = '';
        field = '';
        fields = [];
      } else {
        field += char;
      }
    }
  }
  if (raw !== '') {
    fields.push(field.endsWith('\r') ? field.slice(0, -1) : field);
    yield { fields, raw, complete: false };
  }
}

/** The first record of a CSV stream (its header), or null when the stream is empty. */
export async function readCsvHeader(input: Readable): Promise<string[] | null> {
  try {
    for await (const record of readCsvRecords(input)) return record.fields;
    return null;
  } finally {
    input.destroy();
  }
}
