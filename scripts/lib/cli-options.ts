/** A command's options, parsed the one way every command parses them. */
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';

type Values<O extends ParseArgsOptionsConfig> = ReturnType<
  typeof parseArgs<{
    args: string[] | undefined;
    options: O;
    strict: true;
    allowPositionals: false;
  }>
>['values'];

/**
 * `args` (by default the command line) parsed strictly, without positionals. Options that do not
 * parse go to `refuse`, with parseArgs' reason, which stops the command.
 */
export function parseOptions<const O extends ParseArgsOptionsConfig>(
  options: O,
  refuse: (reason: string) => never,
  args?: string[],
): Values<O> {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    return refuse((error as Error).message);
  }
}
