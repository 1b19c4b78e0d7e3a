/** A statement, then what to try instead, as many suggestions as fit. */
import type { UiStrings } from '../i18n.js';
import { afterLabel } from '../i18n.js';
import { LIMITS } from './limits.js';
import { escapeMarkdown, fitEscaped } from './markdown.js';

export function suggestionText(
  t: UiStrings,
  statement: string,
  label: string,
  suggestions: readonly string[],
): string {
  const text = escapeMarkdown(statement);
  const lead = `\n\n${afterLabel(escapeMarkdown(label), '')}`;
  const names: string[] = [];
  for (const s of suggestions.slice(0, 25)) {
    const name = fitEscaped(s.replace(/\s+/g, ' ').trim(), 100);
    if (
      text.length + lead.length + [...names, name].join(t.listSeparator).length >
      LIMITS.embedDescription
    )
      break;
    names.push(name);
  }
  return names.length > 0 ? `${text}${lead}${names.join(t.listSeparator)}` : text;
}
