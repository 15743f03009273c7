// The host has no library API of its own: drivers and stages live in @lake/core and the plugins.
export { printStageResults } from './print-results';
