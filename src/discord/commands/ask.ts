/** /ask question:<text> private:<bool>: a question about the article, answered with quotes. */
import {
  ApplicationIntegrationType,
  InteractionContextType,
  SlashCommandBuilder,
} from 'discord.js';
import type { Command } from '../context.js';
import { cooldownNotice, problemNotice } from '../notices.js';
import { answerQuestion, checkQuestion, langFor, tidyQuestion } from '../questions.js';
import { respond, withDeferral } from '../respond.js';

const data = new SlashCommandBuilder()
  .setName('ask')
  .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
  .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
  .setDescription('Ask a question about the article; the answer quotes it word for word.')
  .setDescriptionLocalizations({
    'zh-TW': '就文章提問；回答逐字引用原文。',
    'zh-CN': '就文章提问；回答逐字引用原文。',
  })
  .addStringOption((o) =>
    o
      .setName('question')
      .setDescription('Your question, in Chinese or English')
      .setDescriptionLocalizations({
        'zh-TW': '你的問題（中文或英文）',
        'zh-CN': '你的问题（中文或英文）',
      })
      .setRequired(true),
  )
  .addBooleanOption((o) =>
    o
      .setName('private')
      .setDescription('Only you see the answer')
      .setDescriptionLocalizations({ 'zh-TW': '只有你看得到答案', 'zh-CN': '只有你看得到答案' }),
  );

export default {
  data,
  async execute(interaction, ctx) {
    const question = tidyQuestion(interaction.options.getString('question', true));
    const ephemeral = interaction.options.getBoolean('private') ?? false;
    const lang = langFor(question, interaction.locale, ctx.defaultLang);
    const problem = checkQuestion(question, ctx.config.MAX_QUESTION_CHARS);
    if (problem) return respond(interaction, problemNotice(problem, lang), { ephemeral: true });
    const wait = ctx.cooldown.take(interaction.user.id);
    if (wait > 0) return respond(interaction, cooldownNotice(wait, lang), { ephemeral: true });
    const rendered = await withDeferral(interaction, answerQuestion(ctx, question), {
      ephemeral,
      // Embedding the question can take seconds on a cold model: defer at once.
      deferNow: ctx.engine.about().mode === 'hybrid',
      afterMs: ctx.deferAfterMs,
    });
    await respond(interaction, rendered, { ephemeral });
  },
} satisfies Command;
