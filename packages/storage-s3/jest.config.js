module.exports = require('../../tools/jest.preset.js')('storage-s3');
