// @ts-check
// Where the new plugin lands: inside the lake monorepo (an npm workspace that holds
// packages/core) it extends the repo's tsconfig and jest preset and takes the sibling versions;
// anywhere else it is a standalone package with its own toolchain.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

/**
 * @typedef {{ root: string; workspaces: string[] }} LakeWorkspace
 */

/** @param {string} file */
function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/**
 * The lake monorepo holding `dir` (which need not exist yet), or null.
 * @param {string} dir
 * @returns {LakeWorkspace | null}
 */
function findLakeWorkspace(dir) {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    const manifest = path.join(current, 'package.json');
    const core = path.join(current, 'packages', 'core', 'package.json');
    if (fs.existsSync(manifest) && fs.existsSync(core) && readJson(core).name === '@lake/core') {
      const workspaces = readJson(manifest).workspaces;
      if (Array.isArray(workspaces)) return { root: current, workspaces };
    }
    if (path.dirname(current) === current) return null;
  }
}

/**
 * Whether npm (and so nx) will treat `dir` as one of the workspace's packages. Only the forms the
 * repo uses are understood: `folder/*` and exact folders.
 * @param {LakeWorkspace} workspace
 * @param {string} dir
 */
function isWorkspacePackage(workspace, dir) {
  const relative = path.relative(workspace.root, path.resolve(dir)).split(path.sep).join('/');
  return workspace.workspaces.some((pattern) => {
    const clean = pattern.replace(/\/$/, '');
    if (clean.endsWith('/*')) return path.posix.dirname(relative) === clean.slice(0, -2);
    return relative === clean;
  });
}

module.exports = { findLakeWorkspace, isWorkspacePackage };
