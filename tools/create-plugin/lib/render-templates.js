// @ts-check
// Copies a template folder into the new package: `__code__` in a path becomes the source code,
// `.tmpl` is dropped (so no tool mistakes a template for code of this repo), a leading `_` of a
// dot-file name becomes `.` (npm never packs a `.gitignore`), and every `__TOKEN__` in a file is
// replaced. A token without a value is a bug in the templates, never left in the output.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

// Token names never end in `_`, so `__CODE___2019` is the token CODE followed by `_2019`.
const TOKEN = /__([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)__/g;

/**
 * @param {string} relative template path, `/`-separated
 * @param {Record<string, string>} tokens
 */
function targetPath(relative, tokens) {
  return relative
    .split('/')
    .map((part) => part.replace(/__code__/g, tokens.CODE).replace(/\.tmpl$/, '').replace(/^_(gitignore|npmignore)$/, '.$1'))
    .join('/');
}

/**
 * @param {string} text
 * @param {Record<string, string>} tokens
 * @param {string} from template file, for the error message
 */
function fillTokens(text, tokens, from) {
  return text.replace(TOKEN, (match, name) => {
    if (!Object.prototype.hasOwnProperty.call(tokens, name)) throw new Error(`template ${from} uses ${match}, which has no value`);
    return tokens[name];
  });
}

/** @param {string} dir @returns {string[]} paths relative to dir, `/`-separated, sorted */
function listFiles(dir) {
  /** @type {string[]} */
  const files = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) files.push(path.relative(dir, path.join(entry.parentPath ?? entry.path, entry.name)).split(path.sep).join('/'));
  }
  return files.sort();
}

/**
 * Renders every file of `templateDir` into `targetDir`; returns the written paths (relative).
 * @param {string} templateDir
 * @param {string} targetDir
 * @param {Record<string, string>} tokens
 */
function renderTemplates(templateDir, targetDir, tokens) {
  const written = [];
  for (const relative of listFiles(templateDir)) {
    const source = path.join(templateDir, relative);
    const target = targetPath(relative, tokens);
    fs.mkdirSync(path.dirname(path.join(targetDir, target)), { recursive: true });
    fs.writeFileSync(path.join(targetDir, target), fillTokens(fs.readFileSync(source, 'utf8'), tokens, relative));
    written.push(target);
  }
  return written;
}

module.exports = { renderTemplates, targetPath, fillTokens, listFiles };
