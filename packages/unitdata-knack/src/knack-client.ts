// Reads records of a Knack application through its object-based REST API (API key required),
// keyed by field label. Built on core's HttpClient: 10 s timeout, retries with backoff on 429 and
// 5xx, and at most 9 requests per rolling second (Knack allows 10).
import { HttpClient, silentLogger, type Logger } from '@lake/core';
import { KnackUnexpectedAnswer, KnackUnknownObject } from './knack-errors';
import { labelRecord, type FieldLabels, type KnackApiRecord, type LabelledRecord } from './knack-record';

export const KNACK_API_URL = 'https://api.knack.com/v1';
/** Knack's largest page. */
export const KNACK_ROWS_PER_PAGE = 1000;

export interface KnackClientOptions {
  appId: string;
  apiKey: string;
  /** Default https://api.knack.com/v1. */
  baseUrl?: string;
  /** Per request (default 10 000, as the original). */
  timeoutMs?: number;
  /** Attempts per request, including the first (default 5, as the original). */
  attempts?: number;
  /** First retry delay, doubled each retry (default 500). */
  backoffMs?: number;
  /** Default 9 requests per 1 000 ms. */
  rateLimit?: { requests: number; perMs: number };
  log?: Logger;
  /** Injectable for tests: how to wait, and the clock the rate limit counts with. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/** Knack's filter shape (object-based requests). */
export interface KnackFilter {
  match: 'and' | 'or';
  rules: { field: string; operator: string; value: unknown }[];
}

export interface KnackRecordsOptions {
  filters?: KnackFilter;
  /** Raw values (`field_N_raw`) instead of formatted text. */
  raw?: boolean;
}

/** The fields of one object, both ways. */
export interface KnackFieldMap {
  objectKey: string;
  /** `field_N` → label. */
  labelOf: FieldLabels;
  /** Label → `field_N`. */
  keyOf: ReadonlyMap<string, string>;
}

interface ApplicationMetadata {
  application?: { objects?: { key: string; name?: string; fields?: { key: string; name: string }[] }[] };
}

interface RecordsPage {
  total_pages?: number | string;
  current_page?: number | string;
  total_records?: number | string;
  records?: KnackApiRecord[];
}

export class KnackClient {
  private readonly http: HttpClient;
  private metadata: Promise<Map<string, KnackFieldMap>> | null = null;

  constructor(private readonly options: KnackClientOptions) {
    this.http = new HttpClient({
      service: 'Knack',
      baseUrl: options.baseUrl ?? KNACK_API_URL,
      headers: { 'X-Knack-Application-Id': options.appId, 'X-Knack-REST-API-Key': options.apiKey },
      timeoutMs: options.timeoutMs ?? 10_000,
      attempts: options.attempts ?? 5,
      backoffMs: options.backoffMs ?? 500,
      rateLimit: options.rateLimit ?? { requests: 9, perMs: 1000 },
      log: options.log ?? silentLogger,
      sleep: options.sleep,
      now: options.now,
    });
  }

  /** Label ↔ key of an object's fields, from the application metadata (read once per client). */
  async fields(objectKey: string): Promise<KnackFieldMap> {
    const objects = await this.objects();
    const found = objects.get(objectKey);
    if (!found) throw new KnackUnknownObject(objectKey, [...objects.keys()]);
    return found;
  }

  /** Every record of an object (all pages), keyed by field label. */
  async records(objectKey: string, { filters, raw = false }: KnackRecordsOptions = {}): Promise<LabelledRecord[]> {
    const { labelOf } = await this.fields(objectKey);
    const records: LabelledRecord[] = [];
    for (let page = 1; ; page++) {
      const answer = await this.http.request<RecordsPage>({
        path: `objects/${encodeURIComponent(objectKey)}/records`,
        query: { rows_per_page: KNACK_ROWS_PER_PAGE, page, filters: filters ? JSON.stringify(filters) : undefined },
      });
      const body = answer.body;
      if (!body || !Array.isArray(body.records)) throw new KnackUnexpectedAnswer(`the records of ${objectKey}`, 'no "records" list');
      for (const record of body.records) records.push(labelRecord(record, labelOf, raw));
      // Knack sends the page numbers as text at times; an empty page also ends the loop.
      const currentPage = Number(body.current_page ?? page);
      const totalPages = Number(body.total_pages ?? 1);
      if (body.records.length === 0 || !(currentPage < totalPages)) return records;
    }
  }

  private objects(): Promise<Map<string, KnackFieldMap>> {
    this.metadata ??= this.readMetadata().catch((error: unknown) => {
      this.metadata = null; // a failed read is not cached: the next call asks again
      throw error;
    });
    return this.metadata;
  }

  private async readMetadata(): Promise<Map<string, KnackFieldMap>> {
    const answer = await this.http.request<ApplicationMetadata>({ path: `applications/${encodeURIComponent(this.options.appId)}` });
    const objects = answer.body?.application?.objects;
    if (!Array.isArray(objects)) throw new KnackUnexpectedAnswer('the application metadata', 'no "application.objects" list');
    const byKey = new Map<string, KnackFieldMap>();
    for (const object of objects) {
      const labelOf = new Map<string, string>();
      const keyOf = new Map<string, string>();
      for (const field of object.fields ?? []) {
        labelOf.set(field.key, field.name);
        if (!keyOf.has(field.name)) keyOf.set(field.name, field.key);
      }
      byKey.set(object.key, { objectKey: object.key, labelOf, keyOf });
    }
    return byKey;
  }
}
