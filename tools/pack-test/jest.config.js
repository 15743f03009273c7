module.exports = require('../jest.preset.js')('pack-test');
