#!/usr/bin/env bash
# The whole test suite: build every package, then run every package's tests (nx, cached).
# Ends with one summary line "N passed, N failed" read from jest's JSON reports.
set -uo pipefail
cd "$(dirname "$0")/.."
export NX_DAEMON=false NX_NO_CLOUD=true AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true
reports=$(mktemp -d)
export LAKE_JEST_REPORT_DIR="$reports"
npx nx run-many -t build test --output-style=static --skip-nx-cache --parallel=2
status=$?
node tools/summarize-tests.js "$reports"
summary=$?
rm -rf "$reports"
[ $status -eq 0 ] && [ $summary -eq 0 ]
