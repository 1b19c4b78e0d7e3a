import { createHash } from 'node:crypto';
import type { Config } from '../config.js';
import { FIELD_WORDS } from '../lexicon/field-words.js';
import { NORMAL_FORM } from '../text/normalize.js';
import { CHINESE_STOPWORDS, CHINESE_STOP_CHARS, ENGLISH_STOPWORDS } from '../text/stopwords.js';
import type { TokenizerOptions } from '../text/tokenize.js';

/**
 * Identifies the form index terms take: the text normal form, the stopwords the
 * tokenizer leaves out, and the field words indexed beside captions and mastheads. A build made under another one holds other
 * terms than a query would look for, so it is stale.
 */
export const TEXT_FORM = createHash('sha256')
  .update(
    JSON.stringify([
      NORMAL_FORM,
      FIELD_WORDS,
      [...CHINESE_STOPWORDS],
      [...CHINESE_STOP_CHARS],
      [...ENGLISH_STOPWORDS],
    ]),
  )
  .digest('hex')
  .slice(0, 12);

/** The keyword tokenizer a configuration asks for; the manifest records it. */
export function tokenizerOptions(config: Config): TokenizerOptions {
  return { segmenter: config.SEGMENTER, bigrams: true };
}
