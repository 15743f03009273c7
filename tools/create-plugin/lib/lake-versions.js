// @ts-check
// The versions a new plugin depends on: @lake/core and @lake/command as they are now, and the
// toolchain the monorepo builds with. Read from the monorepo when the generator runs inside one;
// a published generator falls back to the copy in its own package.json (`lakeVersions`), which a
// test keeps equal to the monorepo's.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const TOOLCHAIN = ['typescript', 'jest', 'ts-jest', '@types/jest', '@types/node'];

/** @typedef {Record<string, string>} Versions */

/** @param {string} file */
function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** @returns {Versions} */
function bundledVersions() {
  return { ...readJson(path.join(__dirname, '..', 'package.json')).lakeVersions };
}

/**
 * @param {string} root the monorepo root
 * @returns {Versions}
 */
function monorepoVersions(root) {
  const devDependencies = readJson(path.join(root, 'package.json')).devDependencies ?? {};
  /** @type {Versions} */
  const versions = {
    '@lake/core': readJson(path.join(root, 'packages', 'core', 'package.json')).version,
    '@lake/command': readJson(path.join(root, 'packages', 'command', 'package.json')).version,
  };
  for (const name of TOOLCHAIN) if (devDependencies[name]) versions[name] = devDependencies[name];
  return versions;
}

/**
 * @param {string | null} root a monorepo root to read from, if any
 * @returns {Versions}
 */
function lakeVersions(root) {
  const fallback = bundledVersions();
  return root ? { ...fallback, ...monorepoVersions(root) } : fallback;
}

/** The monorepo this generator sits in (tools/create-plugin), when it runs from a checkout. */
function generatorMonorepo() {
  const root = path.resolve(__dirname, '..', '..', '..');
  return fs.existsSync(path.join(root, 'packages', 'core', 'package.json')) ? root : null;
}

module.exports = { lakeVersions, generatorMonorepo, monorepoVersions, bundledVersions, TOOLCHAIN };
