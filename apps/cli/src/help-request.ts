const HELP_FLAGS = new Set(['--help', '-h']);

/**
 * True when the arguments ask for help and nothing else (`--help` or `-h` with or after a command,
 * `help [command]`, or no command at all): commander answers without running a command, so the
 * program need not reach its database. Arguments after `--` are values, not flags.
 */
export function asksForHelp(args: string[]): boolean {
  const end = args.indexOf('--');
  const flagsAndCommands = end === -1 ? args : args.slice(0, end);
  return args.length === 0 || args[0] === 'help' || flagsAndCommands.some((arg) => HELP_FLAGS.has(arg));
}

/**
 * True when the first argument names one of `commandNames`: anything else (an unknown command or
 * option) is refused by commander before any command runs, so the program need not reach its database.
 */
export function namesACommand(args: string[], commandNames: readonly string[]): boolean {
  return args.length > 0 && commandNames.includes(args[0]);
}
