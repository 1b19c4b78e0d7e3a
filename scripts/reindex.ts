/**
 * npm run reindex: rebuild the index from corpus/ and publish it atomically. A
 * running bot picks the new build up by itself.
 */
import { loadConfig } from '../src/config.js';
import { runMain } from '../src/cli/session.js';
import { buildIndex } from '../src/indexes/build.js';
import { createLogger } from '../src/logger.js';

runMain(async () => {
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL, 'plain');
  const t0 = performance.now();
  const { dir, manifest } = await buildIndex(config, log, {
    progress: true,
    onStep: (s) => process.stderr.write(`• ${s}…\n`),
  });
  const seconds = ((performance.now() - t0) / 1000).toFixed(1);
  const c = manifest.counts;
  const lines = [
    `Index built in ${seconds} s → ${dir}`,
    `  documents: ${c.documents}`,
    `  passages:  ${c.passages}`,
    `  people:    ${c.people}`,
    `  terms:     ${c.terms}`,
    `  mode:      ${manifest.mode === 'hybrid' ? 'hybrid (keywords + vectors)' : 'keyword-only'}`,
    `  model:     ${manifest.embedding ? `${manifest.embedding.model} (${manifest.embedding.dims} dims)` : 'none'}`,
  ];
  if (manifest.modeReason) lines.push(`  why:       ${manifest.modeReason}`);
  process.stdout.write(lines.join('\n') + '\n');
});
