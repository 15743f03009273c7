const { pluginHook } = require('@lake/command');
const { tpPlugin } = require('../plugin');

module.exports = pluginHook(tpPlugin);
