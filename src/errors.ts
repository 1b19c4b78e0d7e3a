/**
 * Failures whose message is the whole story (bad configuration, an unusable index,
 * an empty corpus, a busy lock). Entry points print the message alone, without a
 * stack, because the reader is an operator who needs to know what to fix, not
 * where in the code it was noticed. Anything else is a bug and keeps its stack.
 */
export class ExpectedError extends Error {
  override name = 'ExpectedError';
}
