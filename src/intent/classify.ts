/**
 * What a message asks for, before any retrieval: a summary of the article, a greeting
 * (or who the bot is), help, or an ordinary question about the article — everything
 * that is not plainly one of the first three. Traditional and Simplified meet in the
 * normal form; English is matched word by word.
 */
import { PhraseCover, units } from './cover.js';
import { PHRASES } from './phrases.js';

export const INTENTS = ['summary', 'greeting', 'help', 'question'] as const;
export type Intent = (typeof INTENTS)[number];

const summary = new PhraseCover(PHRASES.summary, true);
const help = new PhraseCover(PHRASES.help);
const greeting = new PhraseCover(PHRASES.greeting);

/** Longer than this, a message is a question however it is worded: requests are short. */
const MAX_REQUEST_UNITS = 40;

export function classifyIntent(text: string): Intent {
  const u = units(text.replace(/^\s*\/(?=help\b)/i, ''));
  if (u.length === 0 || u.length > MAX_REQUEST_UNITS) return 'question';
  // Greeting words are allowed around summary and help requests, so those are tried first:
  // "hi, summarize it" asks for the summary.
  if (summary.covers(u)) return 'summary';
  if (help.covers(u)) return 'help';
  if (greeting.covers(u)) return 'greeting';
  return 'question';
}
