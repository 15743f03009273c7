#!/usr/bin/env node
// `prepack` of every package with oclif commands: writes oclif.manifest.json (what `oclif manifest`
// writes), so an installed `lake` lists and parses a plugin's commands without loading each
// command file. `--remove` (postpack) deletes it again: in the workspace a stale manifest would
// hide commands added since, so it only ever exists inside the tarball.
//   node tools/oclif-manifest.js [--remove]   (run in the package's folder)
const fs = require('node:fs');
const path = require('node:path');
const { Plugin } = require('@oclif/core');

const MANIFEST = 'oclif.manifest.json';

async function main() {
  const root = process.cwd();
  const file = path.join(root, MANIFEST);
  if (process.argv.includes('--remove')) {
    fs.rmSync(file, { force: true });
    return;
  }
  fs.rmSync(file, { force: true });
  const plugin = new Plugin({ root, type: 'core', ignoreManifest: true, errorOnManifestCreate: true, respectNoCacheDefault: true });
  await plugin.load();
  const commands = Object.keys(plugin.manifest.commands);
  if (commands.length === 0) throw new Error(`${plugin.name}: no commands found under ${plugin.pjson.oclif?.commands}; build the package first`);
  fs.writeFileSync(file, `${JSON.stringify(plugin.manifest, null, 2)}\n`);
  console.error(`${plugin.name}: ${MANIFEST} with ${commands.length} command(s)`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
