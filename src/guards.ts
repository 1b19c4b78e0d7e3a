/**
 * Shape checks for values read back from files the program wrote (the build cache,
 * index files): what was written may have been damaged or written by other code.
 */

export const isStringArray = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((x) => typeof x === 'string');
