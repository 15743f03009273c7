// One Knack record, keyed by field label instead of `field_N`, the way the original client
// (knackpy) handed records to the unit-data code.

/** A record as Knack sends it: `id`, `field_N` (formatted text) and `field_N_raw` (raw value). */
export type KnackApiRecord = Record<string, unknown>;

/** A record keyed by field label (plus `id`); every field of the object is present, null when empty. */
export type LabelledRecord = Record<string, unknown>;

/** Knack field key → label, for the fields of one object. */
export type FieldLabels = ReadonlyMap<string, string>;

/**
 * Relabels one record. Formatted values are Knack's `field_N`, except connections, which Knack
 * formats as HTML: they become their display identifiers, joined with ", ". Raw values are
 * `field_N_raw` (Knack omits it for some field types; the formatted value stands in).
 */
export function labelRecord(record: KnackApiRecord, labels: FieldLabels, raw: boolean): LabelledRecord {
  const labelled: LabelledRecord = { id: record.id ?? null };
  for (const [key, label] of labels) {
    const rawValue = record[`${key}_raw`];
    const value = raw ? (`${key}_raw` in record ? rawValue : record[key]) : (connectionIdentifiers(rawValue) ?? record[key]);
    labelled[label] = emptyToNull(value);
  }
  return labelled;
}

/** The original client turned empty strings and empty lists into nulls. */
export function emptyToNull(value: unknown): unknown {
  if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return null;
  return value;
}

function connectionIdentifiers(rawValue: unknown): string | undefined {
  if (!Array.isArray(rawValue) || rawValue.length === 0) return undefined;
  if (!rawValue.every((item) => typeof item === 'object' && item !== null && 'identifier' in item)) return undefined;
  return rawValue.map((item: { identifier: unknown }) => String(item.identifier)).join(', ');
}
