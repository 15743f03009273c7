// Errors a user can act on: a stable code, an exit code and a hint.

// A plugin installed with its own copy of @lake/core throws that copy's LakeError: the brand lets
// `instanceof LakeError` recognise errors of every copy.
const LAKE_ERROR_BRAND = Symbol.for('@lake/core:LakeError');

export class LakeError extends Error {
  readonly [LAKE_ERROR_BRAND] = true;

  static [Symbol.hasInstance](value: unknown): boolean {
    if (this === LakeError) return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[LAKE_ERROR_BRAND] === true;
    return Function.prototype[Symbol.hasInstance].call(this, value);
  }

  constructor(
    readonly code: string,
    message: string,
    readonly hint?: string,
    readonly exitCode: number = 1,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class ConfigError extends LakeError {
  constructor(message: string, hint?: string) {
    super('CONFIG', message, hint, 2);
  }
}

export class UsageError extends LakeError {
  constructor(message: string, hint?: string) {
    super('USAGE', message, hint, 2);
  }
}

export class UnknownDriver extends LakeError {
  constructor(kind: string, name: string, known: string[]) {
    super(
      'UNKNOWN_DRIVER',
      `no ${kind} driver named "${name}" is installed`,
      known.length ? `installed ${kind} drivers: ${known.join(', ')}` : `install a plugin that provides a ${kind} driver`,
      2,
    );
  }
}

export class IncompatiblePlugin extends LakeError {
  constructor(plugin: string, coreRange: string, coreVersion: string) {
    super(
      'INCOMPATIBLE_PLUGIN',
      `plugin ${plugin} supports @lake/core ${coreRange}, but this host runs @lake/core ${coreVersion}`,
      `install a version of ${plugin} built for @lake/core ${coreVersion}, or a host that matches ${coreRange}`,
      2,
    );
  }
}

/** Why one work item failed; the loop reports it and goes on with the others. */
export class ItemFailed extends LakeError {
  constructor(label: string, cause: unknown) {
    super('ITEM_FAILED', `${label}: ${describeError(cause)}`, undefined, 1, { cause });
  }
}

/** The message of anything thrown, without a stack. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
