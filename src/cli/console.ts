/**
 * The interactive console that `npm start` opens when no DISCORD_TOKEN is set. It
 * answers exactly as the bot does (same engine, same answer objects) and renders
 * them for the terminal.
 */
import { createInterface } from 'node:readline/promises';
import { findArticle } from '../answers/articles.js';
import type { Engine } from '../answers/types.js';
import { converse } from '../conversation/converse.js';
import { ConversationHistory } from '../conversation/history.js';
import { renderArticleList, renderPerson, renderReply, style } from '../render/console.js';
import { formatPublished } from '../render/citation.js';

const HELP = `Ask anything about the article, in 繁體中文, 简体中文 or English.
  /summary       the article in a few of its own sentences (or ask "這篇文章在講什麼？")
  /person NAME   look up a person named in the article (any script, English or pinyin)
  /articles      the articles the bot knows, with their ids
  /in ID QUESTION  ask one article only (ID from /articles, or a word of its title)
  /new           start a new topic (the next question is not read as a follow-up)
  /about         what is indexed and how
  /help          this help
  /quit          leave (Ctrl-D works too)`;

/** The console's commands, shown after what can be asked when someone asks for help. */
const COMMANDS = HELP.split('\n').slice(1).join('\n');

function aboutText(engine: Engine): string {
  const a = engine.about();
  const docs = a.documents.map(
    (d) =>
      `  • ${d.title}${d.source ? ` · ${d.source}` : ''}${d.published ? ` · ${formatPublished(d.published)}` : ''}`,
  );
  return [
    `${a.documents.length} article(s), ${a.passages} passages, ${a.people} people`,
    ...docs,
    `mode: ${a.mode === 'hybrid' ? 'hybrid (keywords + vectors)' : 'keyword-only'}${a.modeReason ? ` — ${a.modeReason}` : ''}`,
    `model: ${a.model ?? 'none'}`,
  ].join('\n');
}

const IN_USAGE = 'Usage: /in ID QUESTION (the ids are in /articles)';

/** `/in ID QUESTION`: the question answered from that article alone, in the same conversation. */
async function askOneArticle(
  engine: Engine,
  history: ConversationHistory,
  key: string,
  line: string,
): Promise<string> {
  const [, id, ...words] = line.split(/\s+/);
  const question = words.join(' ');
  if (!id || !question) return IN_USAGE;
  const article = findArticle(engine.about().articles, id);
  if (!article) return `No article "${id}".\n${renderArticleList(engine.about().articles)}`;
  const { reply } = await converse(engine, history, key, question, { doc: article.id });
  return renderReply(reply, COMMANDS);
}

export async function runConsole(
  engine: Engine,
  input = process.stdin,
  output = process.stdout,
): Promise<void> {
  const rl = createInterface({ input, output, terminal: input.isTTY === true });
  output.write(`${style.bold('Article Q&A console')} — ${aboutText(engine).split('\n')[0]}\n`);
  if (engine.about().mode === 'lexical')
    output.write(style.dim(`(keyword-only: ${engine.about().modeReason ?? 'no vectors'})\n`));
  output.write(style.dim('Type a question, /help for commands.\n'));
  // The console is one conversation: each line may follow up on the ones before it.
  const history = new ConversationHistory();
  const key = 'console';
  rl.setPrompt(style.green('? '));
  rl.prompt();
  for await (const raw of rl) {
    const line = raw.trim();
    if (line === '') {
      rl.prompt();
      continue;
    }
    if (line === '/quit' || line === '/exit') break;
    try {
      if (line === '/help') output.write(HELP + '\n');
      else if (line === '/summary')
        output.write(renderReply(await engine.reply(line, 'summary')) + '\n');
      else if (line === '/about') output.write(aboutText(engine) + '\n');
      else if (line === '/new') {
        history.forget(key);
        output.write(style.dim('New topic.') + '\n');
      } else if (line === '/articles') {
        output.write(renderArticleList(engine.about().articles) + '\n');
      } else if (line === '/in' || line.startsWith('/in ')) {
        output.write((await askOneArticle(engine, history, key, line)) + '\n');
      } else if (line.startsWith('/person')) {
        const name = line.slice('/person'.length).trim();
        output.write((name ? renderPerson(engine.person(name)) : 'Usage: /person NAME') + '\n');
      } else if (line.startsWith('/'))
        output.write(
          `Unknown command ${line.split(/\s/)[0]}. ${HELP.split('\n')[0]}\n/help lists the commands.\n`,
        );
      else {
        const { reply } = await converse(engine, history, key, line);
        output.write(renderReply(reply, COMMANDS) + '\n');
      }
    } catch (err) {
      output.write(`Something went wrong: ${err instanceof Error ? err.message : String(err)}\n`);
    }
    output.write('\n');
    rl.prompt();
  }
  rl.close();
}
