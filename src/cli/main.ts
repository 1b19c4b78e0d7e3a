/**
 * How a command-line entry point ends: its failure told the way the user needs it, and
 * its exit code. Apart from the session (session.ts), so that a script that opens no
 * engine (reindex, feedback) does not load the retrieval stack to start.
 */
import { ExpectedError } from '../errors.js';
import { UsageError } from './args.js';

/** What a failed entry point prints: the message for expected failures, the stack for bugs. */
export function describeFailure(err: unknown): string {
  if (err instanceof UsageError) return `${err.message}\n\n${err.usage}\n`;
  if (err instanceof ExpectedError) return `${err.message}\n`;
  return `${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`;
}

/** Usage errors exit 2, every other failure 1. */
export function exitCodeFor(err: unknown): number {
  return err instanceof UsageError ? 2 : 1;
}

/**
 * Run a CLI main. A main that sets process.exitCode keeps it. Exits explicitly,
 * because a failed model download may leave a socket open.
 */
export function runMain(main: () => Promise<void>): void {
  main().then(
    () => process.exit(Number(process.exitCode ?? 0)),
    (err: unknown) => {
      process.stderr.write(describeFailure(err));
      process.exit(exitCodeFor(err));
    },
  );
}
