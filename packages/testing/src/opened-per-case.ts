// The lifecycle every conformance suite shares: each case starts on an empty store, and every
// driver the case opened is closed after it, whether the case passed or not, so a failing case
// leaves no pool or file handle behind to hang jest.

/** Hooks a driver's spec gives the suite around each case. */
export interface StoreHooks {
  /** Before each case: empty the store, so the next open() sees no rows or objects. */
  reset?(): Promise<void>;
  /** After each case, once the suite has closed every driver it opened. */
  close?(): Promise<void>;
}

/** Registers the hooks in the current describe; returns `open`, remembering what it opened. */
export function openedPerCase<Args extends unknown[], Driver extends { close(): Promise<void> }>(
  hooks: StoreHooks,
  open: (...args: Args) => Promise<Driver>,
): (...args: Args) => Promise<Driver> {
  const opened: Driver[] = [];
  beforeEach(async () => {
    await hooks.reset?.();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((driver) => driver.close()));
    await hooks.close?.();
  });
  return async (...args) => {
    const driver = await open(...args);
    opened.push(driver);
    return driver;
  };
}
