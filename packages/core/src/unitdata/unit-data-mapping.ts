// How a data source's sensor inventory is read from an asset database (Knack in Austin):
// declared by the source plugin as plain data, applied by whichever unit-data driver is
// configured. Object and field ids are defaults a deployment may override in its config.

/** A filter rule on the device table: `<field> is <value>`. */
export interface InventoryFilter {
  field: string;
  value: string | number;
}

export interface UnitDataMapping {
  /** Header data_type is `<dataSource>_unit_data`. */
  dataSource: string;
  /** Device table (Knack object key) and its filter. */
  deviceObject: string;
  deviceFilter?: InventoryFilter;
  /** Location table joined to the devices (left join). */
  locationObject: string;
  /** Label shared by devices and locations for the join (ATD_LOCATION_ID, SIGNAL_ID). */
  joinOn: string;
  /** Constant columns added to every device before renaming (e.g. SENSOR_TYPE = GRIDSMART). */
  constants?: Record<string, string>;
  /** Source label → unit-data key. */
  renames: Record<string, string>;
  /** The unit-data keys kept, in this order. */
  fields: string[];
  /** Keys converted to integers (via float, truncating), floats, or trimmed text. */
  integerFields?: string[];
  floatFields?: string[];
  trimFields?: string[];
}
