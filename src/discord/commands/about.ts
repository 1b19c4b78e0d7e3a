/** /about: the articles, source, date, counts, search mode and why, and model. */
import {
  ApplicationIntegrationType,
  InteractionContextType,
  SlashCommandBuilder,
} from 'discord.js';
import { renderAbout } from '../../render/discord.js';
import type { Command } from '../context.js';
import { langFor } from '../questions.js';
import { respond } from '../respond.js';

const data = new SlashCommandBuilder()
  .setName('about')
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .setDescription(
    'What this bot answers from: the article, its source and date, and how it searches.',
  )
  .setDescriptionLocalizations({
    'zh-TW': '這個機器人根據什麼回答：文章、來源、日期與檢索方式。',
    'zh-CN': '这个机器人根据什么回答：文章、来源、日期与检索方式。',
  });

export default {
  data,
  async execute(interaction, ctx) {
    const lang = langFor(null, interaction.locale, ctx.defaultLang);
    await respond(interaction, renderAbout(ctx.engine.about(), lang));
  },
} satisfies Command;
