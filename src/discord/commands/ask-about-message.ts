/**
 * "Ask the article about this" (a message command: a message's Apps menu): the message's
 * text, anyone's, is the question, answered as /ask answers it. Discord caps a command name at
 * 32 characters, so the menu cannot read "Ask the article about this message".
 */
import { Message, type APIMessage } from 'discord.js';
import { renderNotice } from '../../render/discord.js';
import { ui } from '../../render/i18n.js';
import { answerAsked } from '../asking.js';
import { messageCommand } from '../command-data.js';
import type { MessageMenuCommand } from '../context.js';
import { questionFrom } from '../messages.js';
import { langFor, stripBotMentions, tidyQuestion } from '../questions.js';
import { respond } from '../respond.js';

const data = messageCommand('Ask the article about this', '就這則訊息問文章');

/** The target's text as a question; a target Discord sent raw (its channel not cached) as written. */
function questionOf(target: Message | APIMessage, botUserId: string): string {
  if (target instanceof Message) return questionFrom(target);
  return tidyQuestion(stripBotMentions(target.content, botUserId));
}

export default {
  kind: 'message',
  data,
  async execute(interaction, ctx) {
    const question = questionOf(interaction.targetMessage, interaction.client.user.id);
    const lang = langFor(question, interaction.locale, ctx.defaultLang);
    if (question.length === 0) {
      ctx.metrics.question('menu', 'refused');
      return respond(interaction, renderNotice(ui(lang).emptyTarget), { ephemeral: true });
    }
    // Public like /ask without private:true: the question is already public in the channel.
    await answerAsked(interaction, ctx, { question, lang, surface: 'menu', ephemeral: false });
  },
} satisfies MessageMenuCommand;
