// For commands that name a stage in their argument (`lake plan`, `lake publish purge`): oclif
// passes the stage's own options through (the command sets `strict = false`); these are the
// tokens to read with the stage's declared options (`parseStageOptionArgs` in core).

/**
 * The tokens of argv that are neither the command's flags (with their values) nor its first
 * argument (the stage or data source it names): that stage's own options, in their order.
 */
export function stageArgsOf(argv: readonly string[], flags: Record<string, { type: string; char?: string }>): string[] {
  const byName = new Map(Object.entries(flags));
  byName.set('json', { type: 'boolean' });
  const byChar = new Map([...byName.values()].filter((flag) => flag.char).map((flag) => [`-${flag.char}`, flag]));
  const rest: string[] = [];
  let argumentSeen = false;
  for (let index = 0; index < argv.length; index++) {
    const token = argv[index];
    if (token === '--') continue; // dropped by oclif when it is not a separator
    const long = /^--([^=]+)(=.*)?$/.exec(token);
    const known = long ? byName.get(long[1]) : /^-[^-]/.test(token) ? byChar.get(token.slice(0, 2)) : undefined;
    if (known) {
      // A value follows unless it is attached (`--end_date=…`, `-e2020-10-02`).
      const attached = long ? long[2] !== undefined : token.length > 2;
      if (known.type === 'option' && !attached) index++;
      continue;
    }
    // oclif takes the first other token as the argument, whatever it looks like.
    if (argumentSeen) rest.push(token);
    argumentSeen = true;
  }
  return rest;
}
