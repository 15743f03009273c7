// A driver that can create the tables it needs (`lake catalog init`).
export interface SchemaOwner {
  /** Creates what is missing; safe to run again. */
  createSchema(): Promise<void>;
}

export function ownsSchema(driver: unknown): driver is SchemaOwner {
  return typeof (driver as Partial<SchemaOwner> | null)?.createSchema === 'function';
}
