/** Discord's message limits, the shapes the renderers produce, and the check that a message keeps to them. */
import type { APIActionRowComponent, APIButtonComponent, APIEmbed } from 'discord.js';
import { shorten } from '../citation.js';

/** Discord's limits, in UTF-16 code units: Discord counts characters, which is never more. */
export const LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  authorName: 256,
  fields: 25,
  embedTotal: 6000,
  embeds: 10,
  buttonLabel: 80,
  customId: 100,
  buttonsPerRow: 5,
  rows: 5,
  url: 512,
} as const;

export const COLOR = {
  answer: 0x2b6cb0,
  related: 0xd69e2e,
  abstain: 0x718096,
  person: 0x2f855a,
  info: 0x4a5568,
} as const;

export type ButtonRow = APIActionRowComponent<APIButtonComponent>;

export interface RenderedMessage {
  content?: string;
  embeds: APIEmbed[];
  components: ButtonRow[];
}

/** Sum of the embed fields that Discord counts towards 6000. */
export function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

/** Every Discord limit a message breaks; empty when it is valid. For tests and a last check before sending. */
export function limitViolations(message: RenderedMessage): string[] {
  const v: string[] = [];
  if ((message.content?.length ?? 0) > LIMITS.content) v.push(`content ${message.content!.length}`);
  if (message.embeds.length > LIMITS.embeds) v.push(`embeds ${message.embeds.length}`);
  let total = 0;
  message.embeds.forEach((e, i) => {
    if ((e.title?.length ?? 0) > LIMITS.embedTitle) v.push(`embed ${i} title ${e.title!.length}`);
    if ((e.description?.length ?? 0) > LIMITS.embedDescription)
      v.push(`embed ${i} description ${e.description!.length}`);
    if ((e.footer?.text.length ?? 0) > LIMITS.footer)
      v.push(`embed ${i} footer ${e.footer!.text.length}`);
    if ((e.author?.name.length ?? 0) > LIMITS.authorName) v.push(`embed ${i} author`);
    if ((e.fields?.length ?? 0) > LIMITS.fields) v.push(`embed ${i} fields ${e.fields!.length}`);
    for (const f of e.fields ?? []) {
      if (f.name.length > LIMITS.fieldName || f.name.length === 0)
        v.push(`embed ${i} field name ${f.name.length}`);
      if (f.value.length > LIMITS.fieldValue || f.value.length === 0)
        v.push(`embed ${i} field value ${f.value.length}`);
    }
    total += embedLength(e);
  });
  if (total > LIMITS.embedTotal) v.push(`embeds total ${total}`);
  if (message.components.length > LIMITS.rows) v.push(`rows ${message.components.length}`);
  for (const row of message.components) {
    if (row.components.length > LIMITS.buttonsPerRow) v.push(`buttons ${row.components.length}`);
    for (const b of row.components) {
      if ('label' in b && (b.label?.length ?? 0) > LIMITS.buttonLabel)
        v.push(`button label ${b.label!.length}`);
      if ('custom_id' in b && b.custom_id.length > LIMITS.customId)
        v.push(`custom_id ${b.custom_id.length}`);
      if ('url' in b && b.url.length > LIMITS.url) v.push(`button url ${b.url.length}`);
    }
  }
  return v;
}

export function footerText(parts: (string | undefined)[]): string {
  return shorten(parts.filter(Boolean).join('\n'), LIMITS.footer);
}
