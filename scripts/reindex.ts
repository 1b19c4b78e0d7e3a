/**
 * npm run reindex              rebuild the index from corpus/ and publish it atomically
 * npm run reindex -- --full    derive every article anew, ignoring the build cache
 * npm run reindex -- --strict  fail (exit 1) when any corpus file was skipped
 * npm run reindex -- --verify  check the current build's checksums and every passage
 *                              against the articles on disk; build nothing
 *
 * A running bot picks a new build up by itself. Files that cannot be read are
 * skipped, each with one line; the build fails only when nothing usable is left.
 */
import { checkDirectories, loadConfig } from '../src/config.js';
import { UsageError, parseCommandLine } from '../src/cli/args.js';
import { runMain } from '../src/cli/main.js';
import { corpusLimits, describeSkip } from '../src/corpus/files.js';
import { runBuild } from '../src/indexes/build-runner.js';
import { articlesReused, type CacheStats } from '../src/indexes/build-cache.js';
import { createLogger } from '../src/logger.js';

const USAGE = `Usage:
  npm run reindex                 rebuild the index from CORPUS_DIR, reusing unchanged articles' work
  npm run reindex -- --full       rebuild every article anew, ignoring the build cache
  npm run reindex -- --strict     exit 1 when any corpus file was skipped
  npm run reindex -- --verify     check the current build against its checksums and the corpus`;

async function verify(): Promise<void> {
  // Loaded here: a build never needs the index loader, whose modules were a fifth of a
  // one-article reindex's start.
  const [{ IndexCorruptError }, { currentBuildDir }, { verifyBuild }] = await Promise.all([
    import('../src/indexes/manifest.js'),
    import('../src/indexes/store.js'),
    import('../src/indexes/verify.js'),
  ]);
  const config = loadConfig();
  const dir = await currentBuildDir(config.DATA_DIR);
  if (!dir) {
    process.stderr.write('There is no current index build to verify. Run npm run reindex.\n');
    process.exitCode = 1;
    return;
  }
  try {
    const report = await verifyBuild(dir, config.CORPUS_DIR, corpusLimits(config));
    for (const p of report.problems) process.stdout.write(`✗ ${p}\n`);
    process.stdout.write(
      `${report.problems.length === 0 ? '✓' : '✗'} build ${report.buildId}: checksums OK; ` +
        `${report.matched} of ${report.passages} passages match the corpus\n`,
    );
    if (report.problems.length > 0) process.exitCode = 1;
  } catch (err) {
    if (!(err instanceof IndexCorruptError)) throw err;
    process.stdout.write(`✗ ${err.message}\n  Run npm run reindex to rebuild it.\n`);
    process.exitCode = 1;
  }
}

function describeReuse(cache: CacheStats, documents: number): string {
  return `${articlesReused(cache)} of ${documents} articles from the build cache`;
}

runMain(async () => {
  const { values, positionals } = parseCommandLine(USAGE, {
    strict: { type: 'boolean', default: false },
    full: { type: 'boolean', default: false },
    verify: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) {
    process.stdout.write(USAGE + '\n');
    return;
  }
  if (positionals.length > 0) throw new UsageError(`Unexpected argument: ${positionals[0]}`, USAGE);
  if (values.verify) return verify();

  const config = loadConfig();
  await checkDirectories(config);
  const log = createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL, 'plain');
  const t0 = performance.now();
  const { dir, manifest, cache } = await runBuild(config, log, {
    progress: true,
    full: values.full,
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
    `  reused:    ${describeReuse(cache, c.documents)}`,
    `  mode:      ${manifest.mode === 'hybrid' ? 'hybrid (keywords + vectors)' : 'keyword-only'}`,
    `  model:     ${manifest.embedding ? `${manifest.embedding.model} (${manifest.embedding.dims} dims)` : 'none'}`,
  ];
  if (manifest.modeReason) lines.push(`  why:       ${manifest.modeReason}`);
  if (manifest.skipped.length > 0) {
    lines.push(`  skipped:   ${manifest.skipped.length} file(s)`);
    for (const s of manifest.skipped) lines.push(`    ${describeSkip(s)}`);
  }
  process.stdout.write(lines.join('\n') + '\n');
  if (values.strict && manifest.skipped.length > 0) {
    process.stderr.write(`--strict: ${manifest.skipped.length} corpus file(s) were skipped.\n`);
    process.exitCode = 1;
  }
});
