const { stageCommand } = require('@lake/command');
const { tpPlugin } = require('../../plugin');

module.exports = stageCommand(tpPlugin.stages[0]);
