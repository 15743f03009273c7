// Reads records of a Knack application through its object-based REST API (API key required),
// keyed by field label. Built on core's HttpClient: 10 s timeout, retries with backoff on 429 and
// 5xx, and at most 9 requests per rolling second (Knack allows 10).
import { HttpClient, MAX_JSON_DEPTH, silentLogger, type Logger } from '@lake/core';
import { KnackUnexpectedAnswer, KnackUnknownObject } from './knack-errors';
import { labelRecord, type FieldLabels, type KnackApiRecord, type LabelledRecord } from './knack-record';

export const KNACK_API_URL = 'https://api.knack.com/v1';
/** Knack's largest page. */
export const KNACK_ROWS_PER_PAGE = 1000;
/** Far more than any inventory (a million records): past it the answers are not believed. */
export const KNACK_MAX_PAGES = 1000;

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
      const what = `the records of ${objectKey}`;
      checkAnswer(body, what);
      if (!body || !Array.isArray(body.records)) throw new KnackUnexpectedAnswer(what, 'no "records" list');
      for (const [index, record] of body.records.entries()) {
        // A record that is no object would become a device of nulls without a word.
        if (!isObject(record)) throw new KnackUnexpectedAnswer(what, `record ${index} of page ${page} being ${excerpt(record)}, not an object`);
        records.push(labelRecord(record, labelOf, raw));
      }
      // Knack sends the page numbers as text at times; an empty page also ends the loop. The page
      // asked for counts, not the one the answer names: an answer that always says page 1 of many
      // would otherwise be asked for again and again.
      const totalPages = Number(body.total_pages ?? 1);
      if (body.records.length === 0 || !(page < totalPages)) return records;
      if (page >= KNACK_MAX_PAGES) throw new KnackUnexpectedAnswer(what, `more than ${KNACK_MAX_PAGES} pages of ${KNACK_ROWS_PER_PAGE} records`);
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
    const what = 'the application metadata';
    checkAnswer(answer.body, what);
    const objects = answer.body?.application?.objects;
    if (!Array.isArray(objects)) throw new KnackUnexpectedAnswer(what, 'no "application.objects" list');
    const byKey = new Map<string, KnackFieldMap>();
    for (const object of objects) {
      if (!isObject(object) || typeof object.key !== 'string' || !(object.fields === undefined || Array.isArray(object.fields))) {
        throw new KnackUnexpectedAnswer(what, `an object ${excerpt(object)} without a "key" text and a "fields" list`);
      }
      const labelOf = new Map<string, string>();
      const keyOf = new Map<string, string>();
      for (const field of object.fields ?? []) {
        if (!isObject(field) || typeof field.key !== 'string' || typeof field.name !== 'string') {
          throw new KnackUnexpectedAnswer(what, `a field ${excerpt(field)} of ${object.key} without "key" and "name" texts`);
        }
        labelOf.set(field.key, field.name);
        if (!keyOf.has(field.name)) keyOf.set(field.name, field.key);
      }
      byKey.set(object.key, { objectKey: object.key, labelOf, keyOf });
    }
    return byKey;
  }
}

/**
 * An answer the rest cannot use safely: text that is not JSON (bare NaN, cut short), or JSON nested
 * so deep that writing the snapshot back would overflow the stack with an error naming nothing.
 */
function checkAnswer(body: unknown, what: string): void {
  if (typeof body === 'string') throw new KnackUnexpectedAnswer(what, `an answer that is not JSON (${excerpt(body)})`);
  if (deeperThan(body, MAX_JSON_DEPTH)) throw new KnackUnexpectedAnswer(what, `JSON nested deeper than ${MAX_JSON_DEPTH} levels`);
}

/** Whether a parsed value nests deeper than `max` (walked without recursion). */
function deeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > max) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function excerpt(value: unknown): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
