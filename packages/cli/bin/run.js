#!/usr/bin/env node
// The `lake` host. Silences the AWS SDK's notice about future Node versions (pinned SDK).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
require('@oclif/core').execute({ dir: __dirname });
