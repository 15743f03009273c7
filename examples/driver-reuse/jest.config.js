module.exports = require('../../tools/jest.preset.js')('example-driver-reuse');
