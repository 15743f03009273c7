// @ts-check
// `create-lake-plugin <dir> --source <code> [--name <package>]`: arguments in, createPlugin out,
// errors shown the way lake shows them (code, message, hint; exit 2).
'use strict';

const { parseArgs } = require('node:util');
const { createPlugin } = require('./create-plugin');
const { UsageError } = require('./usage-error');

const USAGE = `Usage: create-lake-plugin <dir> --source <code> [--name <package>]

Scaffolds a lake source plugin in <dir> (absent or empty): two stages built on @lake/core,
their commands under the topic <code>, the init hook, jest tests and a README.

  -s, --source <code>   data source code: topic, stage prefix and sources.<code> config key
  -n, --name <package>  npm package name (default lake-source-<code>)
  -h, --help            show this help`;

/**
 * @param {string[]} argv arguments after the script name
 * @param {{ out: (line: string) => void; err: (line: string) => void; cwd?: string }} io
 * @returns {number} exit code
 */
function main(argv, io) {
  try {
    const { values, positionals } = parseCommandLine(argv);
    if (values.help) {
      io.out(USAGE);
      return 0;
    }
    if (positionals.length > 1) throw new UsageError('USAGE', `unexpected arguments: ${positionals.slice(1).join(' ')}`, USAGE.split('\n')[0]);
    const created = createPlugin({ dir: positionals[0], source: values.source ?? '', name: values.name, cwd: io.cwd });
    io.out(`Created ${created.packageName} (${created.mode}) in ${created.root}:`);
    for (const file of created.files) io.out(`  ${file}`);
    io.out('');
    io.out('Next:');
    for (const step of created.nextSteps) io.out(`  ${step}`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`Error (${error.code}): ${error.message}${error.hint ? `\nHint: ${error.hint}` : ''}`);
      return error.exitCode;
    }
    throw error;
  }
}

/** @param {string[]} argv */
function parseCommandLine(argv) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        source: { type: 'string', short: 's' },
        name: { type: 'string', short: 'n' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError('USAGE', error instanceof Error ? error.message : String(error), USAGE.split('\n')[0]);
  }
}

module.exports = { main, USAGE };
