module.exports = require('../../tools/jest.preset.js')('device-wavetronix');
