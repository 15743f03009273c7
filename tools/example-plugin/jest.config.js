module.exports = require('../jest.preset.js')('example-plugin');
