/**
 * npm run person -- "name"           readable
 * npm run person -- --json "name"    {"query", "person": {...} | null, "suggestions"}
 */
import { parseArgs } from 'node:util';
import { renderPerson } from '../render/console.js';
import { personToJson } from '../render/json.js';
import { openSession, runMain } from './session.js';

runMain(async () => {
  const { values, positionals } = parseArgs({
    options: { json: { type: 'boolean', default: false } },
    allowPositionals: true,
  });
  const query = positionals.join(' ').trim();
  if (!query) {
    process.stderr.write('Usage: npm run person -- [--json] "name"\n');
    process.exitCode = 2;
    return;
  }
  const { engine } = await openSession({ logLevel: 'warn' });
  const answer = engine.person(query);
  process.stdout.write(
    values.json ? JSON.stringify(personToJson(answer)) + '\n' : renderPerson(answer) + '\n',
  );
});
