/**
 * Why `npm run add` reads pages with linkedom rather than jsdom: both DOMs under
 * @mozilla/readability on the same pages, for time to load the library, time per
 * page and whether the extracted article is the same. jsdom is not a dependency;
 * point at an installed copy:
 *   npm install --prefix /tmp/jsdom jsdom
 *   npx tsx bench/dom-compare.ts /tmp/jsdom/node_modules/jsdom
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROJECT_ROOT } from '../src/config.js';
import type { DomParser } from '../src/ingest/html-article.js';
import { msSince, quantile } from './stats.js';

type JsdomModule = { JSDOM: new (html: string) => { window: { document: unknown } } };

const jsdomDir = process.argv[2];
if (!jsdomDir) throw new Error('usage: tsx bench/dom-compare.ts PATH/TO/node_modules/jsdom');

const fixtures = path.join(PROJECT_ROOT, 'test/fixtures/ingest');
const pages = ['news-meta.html', 'news-jsonld.html', 'news-time.html'].map((f) =>
  readFileSync(path.join(fixtures, f), 'utf8'),
);
// A long page: the seed article's paragraphs forty times over, inside site furniture.
const seed = readFileSync(
  path.join(PROJECT_ROOT, 'corpus/guancha-2025-02-09-deepseek-talent.md'),
  'utf8',
)
  .split('\n')
  .filter((l) => l && !/^(?:---|<|#|\w+:)/.test(l));
const furniture = Array.from(
  { length: 200 },
  (_, i) => `<li><a href="/n/${i}">相關新聞 ${i}</a></li>`,
).join('');
pages.push(
  `<html><head><title>長文</title></head><body><nav><ul>${furniture}</ul></nav><article><h1>長文</h1>${Array.from(
    { length: 40 },
    (_, k) => seed.map((p) => `<p>${p}</p>`).join('') + `<h2>第${k + 1}節</h2>`,
  ).join('')}</article><footer><ul>${furniture}</ul></footer></body></html>`,
);

// Loaded here, not imported above, so that loading linkedom is timed.
const t0 = performance.now();
await import('linkedom');
const linkedomLoadMs = msSince(t0);
const { readHtmlArticle } = await import('../src/ingest/html-article.js');
const t1 = performance.now();
const { JSDOM } = (await import(
  pathToFileURL(path.join(jsdomDir, 'lib/api.js')).href
)) as JsdomModule;
const jsdomLoadMs = msSince(t1);

const parsers: Record<string, DomParser | undefined> = {
  linkedom: undefined, // readHtmlArticle's default
  jsdom: (html) => new JSDOM(html).window.document as ReturnType<DomParser>,
};

const ROUNDS = 20;
const lines = [
  `library load: linkedom ${linkedomLoadMs.toFixed(0)} ms, jsdom ${jsdomLoadMs.toFixed(0)} ms`,
];
const outputs: Record<string, string[]> = {};
for (const [name, parse] of Object.entries(parsers)) {
  const perPage: string[] = [];
  outputs[name] = [];
  for (const html of pages) {
    const times: number[] = [];
    let out = '';
    for (let r = 0; r < ROUNDS; r++) {
      const t = performance.now();
      out = JSON.stringify(readHtmlArticle(html, parse ? { parse } : {}));
      times.push(msSince(t));
    }
    outputs[name].push(out);
    perPage.push(`${(html.length / 1024).toFixed(0)} KB: ${quantile(times, 0.5).toFixed(1)} ms`);
  }
  lines.push(`${name}: median per page ${perPage.join(', ')}`);
}
const same = outputs.linkedom!.map((o, i) => o === outputs.jsdom![i]);
lines.push(`same article from both: ${same.map((s) => (s ? 'yes' : 'no')).join(', ')}`);
lines.push(`RSS after both: ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MB`);
process.stdout.write(lines.join('\n') + '\n');
