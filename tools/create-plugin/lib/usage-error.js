// @ts-check
// A mistake in what the user asked for: shown as lake shows errors (code, message, hint), exit 2.
'use strict';

class UsageError extends Error {
  /**
   * @param {string} code
   * @param {string} message
   * @param {string} [hint]
   */
  constructor(code, message, hint) {
    super(message);
    this.name = 'UsageError';
    this.code = code;
    this.hint = hint;
    this.exitCode = 2;
  }
}

module.exports = { UsageError };
