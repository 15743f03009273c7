module.exports = require('../jest.preset.js')('create-plugin');
