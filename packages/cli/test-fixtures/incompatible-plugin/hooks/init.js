const { pluginHook } = require('@lake/command');
const { oldPlugin } = require('../plugin');

module.exports = pluginHook(oldPlugin);
