const { pluginHook } = require('@lake/command');
const { clashPlugin } = require('../plugin');

module.exports = pluginHook(clashPlugin);
