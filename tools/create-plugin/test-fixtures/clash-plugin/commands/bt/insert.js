// Command id bt:insert: the same id as the Bluetooth source's first stage command.
const { stageCommand } = require('@lake/command');
const { commandClash } = require('../../plugin');

module.exports = stageCommand(commandClash);
