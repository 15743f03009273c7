// A stage's own options given to a command that names the stage in an argument (`lake plan
// gs:insert --sourcedir D`, `lake publish purge gs -a 60 -u`), read with the stage's declared
// options, so the command sees what the stage's own command would. Such a command cannot declare
// them as flags: which stage it works on is only known from its argument.
import { UsageError } from '../errors';
import type { Stage, StageOption } from './stage';

/** `--name value`, `--name=value`, `-c value`, `-cvalue`; a boolean takes no value. */
export function parseStageOptionArgs(stage: Stage, args: readonly string[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (let index = 0; index < args.length; index++) {
    const token = args[index];
    const { option, inline } = findOption(stage, token);
    if (option.kind === 'boolean') {
      if (inline !== null) values[option.name] = booleanValue(option, inline);
      else values[option.name] = true;
      continue;
    }
    let text = inline;
    if (text === null) {
      index++;
      if (index >= args.length) throw new UsageError(`${token} of ${stage.name} needs a value`, describeOptions(stage));
      text = args[index];
    }
    values[option.name] = option.kind === 'integer' ? integerValue(option, text) : text;
  }
  return values;
}

function findOption(stage: Stage, token: string): { option: StageOption; inline: string | null } {
  const long = /^--([^=]+)(?:=(.*))?$/s.exec(token);
  const short = long ? null : /^-([^-])(.*)$/s.exec(token);
  const option = long
    ? stage.options.find((candidate) => candidate.name === long[1])
    : short
      ? stage.options.find((candidate) => candidate.char === short[1])
      : undefined;
  if (!option) {
    const what = long || short ? `has no option ${token}` : `takes no argument "${token}"`;
    throw new UsageError(`${stage.name} ${what}`, describeOptions(stage));
  }
  if (long) return { option, inline: long[2] ?? null };
  const rest = (short as RegExpExecArray)[2];
  return { option, inline: rest === '' ? null : rest.replace(/^=/, '') };
}

function integerValue(option: StageOption, text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isInteger(value)) throw new UsageError(`--${option.name} must be a whole number, got "${text}"`);
  return value;
}

function booleanValue(option: StageOption, text: string): boolean {
  if (text === 'true') return true;
  if (text === 'false') return false;
  throw new UsageError(`--${option.name} takes no value (or true/false), got "${text}"`);
}

function describeOptions(stage: Stage): string {
  if (stage.options.length === 0) return `${stage.name} takes no options of its own`;
  const listed = stage.options.map((option) => `${option.char ? `-${option.char}/` : ''}--${option.name}${option.kind === 'boolean' ? '' : ` <${option.kind}>`}`);
  return `options of ${stage.name}: ${listed.join(', ')}`;
}
