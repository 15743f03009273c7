#!/usr/bin/env node
// archive-and-publish <config.json> <counts.csv> <YYYY-MM-DD>: prints what it did as JSON.
// Errors are shown as lake shows them (code, message, hint) with their exit code.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { readFileSync } from 'node:fs';
import { LakeError, consoleLogger } from '@lake/core';
import { archiveAndPublish, type ArchiveAndPublishConfig } from './archive-and-publish';

async function main(argv: string[]): Promise<number> {
  const [configFile, csvFile, day] = argv;
  if (!configFile || !csvFile || !day) {
    console.error('usage: archive-and-publish <config.json> <counts.csv> <YYYY-MM-DD>');
    return 2;
  }
  const config = JSON.parse(readFileSync(configFile, 'utf8')) as ArchiveAndPublishConfig;
  const result = await archiveAndPublish(config, csvFile, day, consoleLogger(false));
  console.log(JSON.stringify(result, null, 2));
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof LakeError) {
      console.error(`Error (${error.code}): ${error.message}${error.hint ? `\nHint: ${error.hint}` : ''}`);
      process.exitCode = error.exitCode;
    } else {
      console.error(error);
      process.exitCode = 1;
    }
  },
);
