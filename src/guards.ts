/**
 * Shape checks for values read back from files the program wrote (the build cache,
 * index files): what was written may have been damaged or written by other code.
 */

export const isStringArray = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((x) => typeof x === 'string');

/** A whole number, zero or more, that a double holds exactly: a count, an id, an offset. */
export const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

export const isCounts = (v: unknown): v is number[] => Array.isArray(v) && v.every(isCount);
