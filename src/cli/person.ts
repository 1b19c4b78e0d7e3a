/**
 * npm run person -- "name"           readable
 * npm run person -- --json "name"    {"query", "person": {...} | null, "suggestions"}
 */
import { renderPerson } from '../render/console.js';
import { personToJson } from '../render/json.js';
import { UsageError, parseCommandLine } from './args.js';
import { openSession, runMain } from './session.js';

const USAGE = 'Usage: npm run -s person -- [--json] "name"';

runMain(async () => {
  const { values, positionals } = parseCommandLine(USAGE, {
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    process.stdout.write(USAGE + '\n');
    return;
  }
  const query = positionals.join(' ').trim();
  if (!query) throw new UsageError('No name given.', USAGE);
  const { engine } = await openSession({ logLevel: 'warn' });
  const answer = engine.person(query);
  process.stdout.write(
    values.json ? JSON.stringify(personToJson(answer)) + '\n' : renderPerson(answer) + '\n',
  );
});
