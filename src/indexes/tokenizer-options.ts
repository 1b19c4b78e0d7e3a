import { createHash } from 'node:crypto';
import type { Config } from '../config.js';
import { FIELD_WORDS } from '../lexicon/field-words.js';
import { NORMAL_FORM } from '../text/normalize.js';
import type { TokenizerOptions } from '../text/tokenize.js';

/**
 * Identifies the form index terms take: the text normal form and the field words
 * indexed beside captions and mastheads. A build made under another one holds other
 * terms than a query would look for, so it is stale.
 */
export const TEXT_FORM = createHash('sha256')
  .update(JSON.stringify([NORMAL_FORM, FIELD_WORDS]))
  .digest('hex')
  .slice(0, 12);

/** The keyword tokenizer a configuration asks for; the manifest records it. */
export function tokenizerOptions(config: Config): TokenizerOptions {
  return { segmenter: config.SEGMENTER, bigrams: true };
}
