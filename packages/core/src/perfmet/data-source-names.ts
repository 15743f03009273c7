// Perfmet rows carry a data source's display name, not its code (perfmet.md §2).

export const DATA_SOURCE_NAMES: Readonly<Record<string, string>> = {
  bt: 'Bluetooth',
  wt: 'Wavetronix',
  gs: 'GRIDSMART',
};

/** The display name of a data source code; a code lake does not know is its own name. */
export function dataSourceName(code: string): string {
  return Object.prototype.hasOwnProperty.call(DATA_SOURCE_NAMES, code) ? DATA_SOURCE_NAMES[code] : code;
}
