/**
 * Command-line parsing that keeps the usage contract: a wrong invocation prints
 * the usage text and exits 2, never a stack trace and never 0.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

export class UsageError extends Error {
  override name = 'UsageError';
  constructor(
    message: string,
    readonly usage: string,
  ) {
    super(message);
  }
}

export function parseCommandLine<const O extends Options>(
  usage: string,
  options: O,
  args?: string[],
) {
  try {
    return parseArgs({ options, allowPositionals: true, strict: true, ...(args && { args }) });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      throw new UsageError((err as Error).message, usage);
    }
    throw err;
  }
}
