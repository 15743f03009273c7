module.exports = require('../../tools/jest.preset.js')('unitdata-knack');
