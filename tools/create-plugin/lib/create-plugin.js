// @ts-check
// Scaffolds a lake source plugin: a package with two stages built on @lake/core (a folder of
// daily CSV files → raw, raw → standardized JSON with a perfmet observation per device), their
// thin oclif commands, the init hook that hands the plugin to the host, jest tests and a README.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { checkPackageName, checkSourceCode, className } = require('./names');
const { findLakeWorkspace, isWorkspacePackage } = require('./lake-workspace');
const { generatorMonorepo, lakeVersions } = require('./lake-versions');
const { renderTemplates } = require('./render-templates');
const { UsageError } = require('./usage-error');

const TEMPLATES = path.join(__dirname, '..', 'templates');

/**
 * @typedef {object} CreatePluginOptions
 * @property {string} dir where the package goes (created; must be absent or empty)
 * @property {string} source the data source code, e.g. `dm`
 * @property {string} [name] npm package name (default `lake-source-<code>`)
 * @property {string} [cwd] what a relative `dir` is relative to (default process.cwd())
 */

/**
 * @typedef {object} CreatedPlugin
 * @property {string} root absolute path of the new package
 * @property {string} packageName
 * @property {string} source
 * @property {'workspace' | 'standalone'} mode
 * @property {string[]} files written, relative to root
 * @property {string[]} nextSteps shell commands to run next
 */

/**
 * @param {CreatePluginOptions} options
 * @returns {CreatedPlugin}
 */
function createPlugin(options) {
  const source = checkSourceCode(options.source);
  const packageName = checkPackageName(options.name ?? `lake-source-${source}`);
  if (!options.dir) throw new UsageError('MISSING_DIR', 'no target folder given', 'create-lake-plugin <dir> --source <code>');
  const root = path.resolve(options.cwd ?? process.cwd(), options.dir);
  if (fs.existsSync(root) && (!fs.statSync(root).isDirectory() || fs.readdirSync(root).length > 0)) {
    throw new UsageError('TARGET_NOT_EMPTY', `${root} already exists and is not an empty folder`, 'choose a new folder; nothing was written');
  }

  const workspace = findLakeWorkspace(root);
  const mode = workspace ? 'workspace' : 'standalone';
  const versions = lakeVersions(workspace?.root ?? generatorMonorepo());
  const tokens = templateTokens({ source, packageName, root, workspaceRoot: workspace?.root ?? null, versions });

  fs.mkdirSync(root, { recursive: true });
  const files = [...renderTemplates(path.join(TEMPLATES, 'common'), root, tokens), ...renderTemplates(path.join(TEMPLATES, mode), root, tokens)].sort();

  const nextSteps = workspace
    ? [
        ...(isWorkspacePackage(workspace, root) ? [] : [`# ${path.relative(workspace.root, root)} is not in the root package.json "workspaces": add it there`]),
        `npm install   # in ${workspace.root}: links ${packageName} into the workspace`,
        `npx nx run ${packageName}:build && npx nx run ${packageName}:test`,
        `npm run lake -- plugins link ${path.relative(workspace.root, root)} --no-install`,
      ]
    : [`cd ${root}`, 'npm install', 'npm run build && npm test', `lake plugins link ${root}`];
  return { root, packageName, source, mode, files, nextSteps };
}

/**
 * @param {{ source: string; packageName: string; root: string; workspaceRoot: string | null; versions: Record<string, string> }} input
 * @returns {Record<string, string>}
 */
function templateTokens({ source, packageName, root, workspaceRoot, versions }) {
  const core = versions['@lake/core'];
  const command = versions['@lake/command'];
  return {
    CODE: source,
    CLASS: className(source),
    PACKAGE_NAME: packageName,
    CORE_RANGE: `^${core}`,
    // Inside the monorepo siblings pin exact versions (nx release bumps them together).
    CORE_DEPENDENCY: workspaceRoot ? core : `^${core}`,
    COMMAND_DEPENDENCY: workspaceRoot ? command : `^${command}`,
    TYPESCRIPT_VERSION: versions.typescript,
    JEST_VERSION: versions.jest,
    TS_JEST_VERSION: versions['ts-jest'],
    TYPES_JEST_VERSION: versions['@types/jest'],
    TYPES_NODE_VERSION: versions['@types/node'],
    ROOT: workspaceRoot ? path.relative(root, workspaceRoot).split(path.sep).join('/') : '',
    PROJECT: path.basename(root),
  };
}

module.exports = { createPlugin, templateTokens };
