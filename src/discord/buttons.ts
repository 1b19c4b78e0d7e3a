/** "More passages": the passages an answer left out, shown privately to whoever clicks. */
import type { ButtonInteraction } from 'discord.js';
import { renderMorePassages, renderNotice } from '../render/discord.js';
import { ui } from '../render/i18n.js';
import type { BotContext } from './context.js';
import { moreCustomId, parseMoreCustomId } from './more-cache.js';
import { langFor } from './questions.js';
import { respond } from './respond.js';

/** True when the button was one of ours and has been answered. */
export async function handleButton(
  interaction: ButtonInteraction,
  ctx: BotContext,
): Promise<boolean> {
  const id = parseMoreCustomId(interaction.customId);
  if (id === null) return false;
  const entry = ctx.more.get(id);
  if (!entry) {
    const lang = langFor(null, interaction.locale, ctx.defaultLang);
    await respond(interaction, renderNotice(ui(lang).expired), { ephemeral: true });
    return true;
  }
  const rendered = renderMorePassages(entry.excerpts, entry.lang, entry.mode, {
    tier: entry.tier,
    registerMore: (excerpts, lang, tier) =>
      moreCustomId(ctx.more.put({ excerpts, lang, mode: entry.mode, tier })),
  });
  await respond(interaction, rendered, { ephemeral: true });
  return true;
}
