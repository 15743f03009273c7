export { LakeCommand } from './lake-command';
export { StageCommand, stageCommand, toRunOptions, type StageCommandClass, toJson, type StageResultJson } from './stage-command';
export { pluginHook } from './plugin-hook';
export { openLakeFromFlags, type OpenLakeFlags } from './open-lake';
export { configFlags, dateFlags, runFlags, stageOptionFlags } from './lake-flags';
export { TerminalProgress, type ProgressTerminal } from './terminal-progress';
export { stageArgsOf } from './stage-args';
