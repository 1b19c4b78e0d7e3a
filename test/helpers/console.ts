/** The interactive console driven by lines of input, and everything it wrote, for tests. */
import { PassThrough } from 'node:stream';
import { runConsole } from '../../src/cli/console.js';

export async function consoleTranscript(
  engine: Parameters<typeof runConsole>[0],
  lines: readonly string[],
): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (b: Buffer) => (text += b.toString()));
  const done = runConsole(
    engine,
    input as unknown as typeof process.stdin,
    output as unknown as typeof process.stdout,
  );
  input.end(lines.join('\n') + '\n');
  await done;
  return text;
}
