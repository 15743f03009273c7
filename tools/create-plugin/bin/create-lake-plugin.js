#!/usr/bin/env node
// npm create @lake/plugin <dir> -- --source <code>   (or: node tools/create-plugin/bin/create-lake-plugin.js …)
'use strict';

const { main } = require('../lib/cli');

process.exitCode = main(process.argv.slice(2), { out: (line) => console.log(line), err: (line) => console.error(line) });
