const { stageCommand } = require('@lake/command');
const { oldPlugin } = require('../../plugin');

module.exports = stageCommand(oldPlugin.stages[0]);
