import { describe, expect, it } from 'vitest';
import { allowedTypos, misspellingOf } from '../src/text/typos.js';

describe('misspellingOf', () => {
  const known = ['nvidia', 'deepseek', 'palomar', 'minimax', 'github'];

  it('finds the one known word a typed word is a typo of', () => {
    expect(misspellingOf('nvidea', known)).toBe('nvidia');
    expect(misspellingOf('deepseak', known)).toBe('deepseek');
    expect(misspellingOf('palomer', known)).toBe('palomar');
  });

  it('tolerates edits only in proportion to length', () => {
    expect(allowedTypos(5)).toBe(0);
    expect(misspellingOf('gitub', ['gitxub'])).toBeUndefined();
    expect(misspellingOf('daepsaek', known)).toBeUndefined(); // two edits in eight letters
  });

  it('never changes the first letter, an exact word or a tie', () => {
    expect(misspellingOf('mvidia', known)).toBeUndefined();
    expect(misspellingOf('nvidia', known)).toBeUndefined();
    expect(misspellingOf('minimay', ['minimax', 'minimaz'])).toBeUndefined();
  });
});
