// Adds up the jest JSON reports of every package into one closing line: "N passed, N failed".
// Exit 1 when a report is missing tests or records a failure.
const fs = require('node:fs');
const path = require('node:path');

const dir = process.argv[2];
let passed = 0;
let failed = 0;
let suitesFailed = 0;
for (const file of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
  const report = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  suitesFailed += report.numFailedTestSuites;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || suitesFailed > 0 || passed === 0 ? 1 : 0);
