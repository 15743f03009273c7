module.exports = require('../../tools/jest.preset.js')('source-gridsmart');
