// Runs the stage named bt:ready, a name the Bluetooth source already registered.
const { stageCommand } = require('@lake/command');
const { stageClash } = require('../../plugin');

module.exports = stageCommand(stageClash);
