// @ts-check
// What a new plugin may be called: a short lowercase data source code (the topic, the stage-name
// prefix and the `sources.<code>` config key) and a valid npm package name.
'use strict';

const { UsageError } = require('./usage-error');

/**
 * Codes the first-party plugins and the host already use. A plugin reusing one would put its
 * commands under another plugin's topic, where oclif prefers the first-party command silently.
 */
const TAKEN_CODES = new Map([
  ['bt', '@lake/source-bluetooth'],
  ['wt', '@lake/device-wavetronix'],
  ['gs', '@lake/source-gridsmart'],
  ['ex', '@lake/example-plugin'],
  ['catalog', 'the lake host'],
  ['perfmet', 'the lake host'],
  ['plugins', '@oclif/plugin-plugins'],
  ['pipeline', 'the lake host'],
  ['demo', 'the lake host'],
  ['help', '@oclif/plugin-help'],
]);

const CODE_PATTERN = /^[a-z][a-z0-9]{0,15}$/;
// npm's rule for new packages: lowercase, URL-safe, optional scope, at most 214 characters.
const PACKAGE_PATTERN = /^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;

/** @param {string | undefined} code */
function checkSourceCode(code) {
  if (!code) throw new UsageError('MISSING_SOURCE', 'no data source code given', 'pass --source <code>, e.g. --source dm');
  if (!CODE_PATTERN.test(code)) {
    throw new UsageError('INVALID_SOURCE', `data source code "${code}" is not 1-16 lowercase letters and digits starting with a letter`, 'e.g. --source dm');
  }
  const owner = TAKEN_CODES.get(code);
  if (owner) throw new UsageError('SOURCE_TAKEN', `data source code "${code}" is already used by ${owner}`, 'pick another code: it becomes the command topic and the stage-name prefix');
  return code;
}

/** @param {string} name */
function checkPackageName(name) {
  if (name.length > 214 || !PACKAGE_PATTERN.test(name)) {
    throw new UsageError('INVALID_NAME', `"${name}" is not a valid npm package name`, 'lowercase letters, digits, "-", "." or "_", optionally scoped: @city/lake-source-dm');
  }
  return name;
}

/** `dm` → `Dm`, used for class names (`DmInsert`). @param {string} code */
function className(code) {
  return code.charAt(0).toUpperCase() + code.slice(1);
}

module.exports = { TAKEN_CODES, checkSourceCode, checkPackageName, className };
