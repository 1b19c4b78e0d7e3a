/**
 * Person look-up for `/person` and `npm run person`, and its autocomplete.
 * The matcher's keys are built once per registry object and reused, so each
 * keystroke of an autocomplete costs only the comparisons.
 */
import { PeopleMatcher, type PersonChoice } from './matcher.js';
import type { PeopleRegistry, PersonEntry } from './types.js';

export { PeopleMatcher, MATCH_THRESHOLD, type PersonChoice, type ScoredPerson } from './matcher.js';

const matchers = new WeakMap<PeopleRegistry, PeopleMatcher>();

export function matcherFor(reg: PeopleRegistry): PeopleMatcher {
  let m = matchers.get(reg);
  if (!m) {
    m = new PeopleMatcher(reg);
    matchers.set(reg, m);
  }
  return m;
}

/** The person `query` names, or null and the names to suggest instead. */
export function lookupPerson(
  reg: PeopleRegistry,
  query: string,
): { person: PersonEntry | null; suggestions: string[] } {
  return matcherFor(reg).lookup(query);
}

/**
 * The Chinese forms (two characters or more) of the person a name as typed
 * refers to, or null: what retrieval searches for a name it cannot translate.
 */
export function nameForms(reg: PeopleRegistry): (name: string) => string[] | null {
  const matcher = matcherFor(reg);
  return (name) => {
    const found = matcher.find(name);
    return found ? found.forms.filter((f) => f.length > 1) : null;
  };
}

/** Autocomplete choices (at most 25): label "潘梓正 (Pan Zizheng)", value the canonical name. */
export function suggestPeople(reg: PeopleRegistry, partial: string, limit = 25): PersonChoice[] {
  return matcherFor(reg).suggest(partial, limit);
}
