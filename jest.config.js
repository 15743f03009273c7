/** Root jest: every package's own config as a project. */
module.exports = { projects: ['<rootDir>/packages/*/jest.config.js', '<rootDir>/tools/example-plugin/jest.config.js', '<rootDir>/tools/create-plugin/jest.config.js', '<rootDir>/tools/pack-test/jest.config.js', '<rootDir>/examples/*/jest.config.js'] };
