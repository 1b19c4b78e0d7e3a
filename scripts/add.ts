/**
 * npm run add -- <file.html | file.txt | file.md | https://…> [--no-reindex]
 * Turns one article into corpus/<slug>.md and rebuilds the index, the way
 * `npm run reindex` does.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { CorpusFormatError } from '../src/corpus/parse.js';
import { addArticle } from '../src/ingest/add-article.js';
import { IngestError } from '../src/ingest/types.js';
import { runBuild } from '../src/indexes/build-runner.js';
import { createLogger } from '../src/logger.js';

const USAGE = `usage: npm run add -- <file.html | file.txt | file.md | https://…> [--no-reindex]

Reads one article and writes it to the corpus folder as <slug>.md with front matter
(title, author, source, published, url), then rebuilds the index.
  --no-reindex   write the file only; run npm run reindex later
`;

function usage(problem: string): never {
  process.stderr.write(`${problem}\n\n${USAGE}`);
  process.exit(2);
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: { 'no-reindex': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (err) {
    usage((err as Error).message);
  }
  if (parsed.values.help) {
    process.stdout.write(USAGE);
    return;
  }
  if (parsed.positionals.length !== 1) usage('expected exactly one article to add');

  const config = loadConfig();
  const added = await addArticle(parsed.positionals[0]!, { corpusDir: config.CORPUS_DIR });
  process.stdout.write(`Added ${added.file}: "${added.title}", ${added.paragraphs} paragraphs.\n`);
  if (parsed.values['no-reindex']) {
    process.stdout.write('Not reindexed (--no-reindex): run npm run reindex.\n');
    return;
  }
  const log = createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL, 'plain');
  const { manifest } = await runBuild(config, log, {
    onStep: (s) => process.stderr.write(`• ${s}…\n`),
  });
  process.stdout.write(
    `Index rebuilt: ${manifest.counts.documents} articles, ${manifest.counts.passages} passages.\n`,
  );
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    // A refusal (duplicate, not an article, unreachable page) is one line, not a stack.
    if (err instanceof IngestError || err instanceof CorpusFormatError) {
      process.stderr.write(`Not added: ${err.message}\n`);
    } else {
      process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    }
    process.exit(1);
  },
);
