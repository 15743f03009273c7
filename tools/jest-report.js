// jest testResultsProcessor: when LAKE_JEST_REPORT_DIR is set, keep each package's totals there
// so tools/summarize-tests.js can print one closing line for the whole suite.
const fs = require('node:fs');
const path = require('node:path');

module.exports = (results) => {
  const dir = process.env.LAKE_JEST_REPORT_DIR;
  if (dir) {
    const { numPassedTests, numFailedTests, numFailedTestSuites, numTotalTests } = results;
    const file = path.join(dir, `${path.basename(process.cwd())}-${process.pid}.json`);
    fs.writeFileSync(file, JSON.stringify({ numPassedTests, numFailedTests, numFailedTestSuites, numTotalTests }));
  }
  return results;
};
