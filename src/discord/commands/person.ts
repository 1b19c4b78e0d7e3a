/** /person name:<text>: who someone in the article is, with every mention quoted. */
import { shorten } from '../../render/citation.js';
import { renderNotice, renderPerson } from '../../render/discord.js';
import { ui } from '../../render/i18n.js';
import { described, privateOption, slashCommand } from '../command-data.js';
import type { SlashCommand } from '../context.js';
import { langFor, tidyQuestion } from '../questions.js';
import { respond } from '../respond.js';

/** Discord shows at most 25 choices; names and values hold at most 100 characters. */
const MAX_CHOICES = 25;
const MAX_CHOICE_CHARS = 100;

const data = slashCommand('person', {
  en: 'Who is someone in the article? Their role and every mention, quoted.',
  zh: '查文中人物：身分與所有提及，逐字引用。',
})
  .addStringOption((o) =>
    described(o.setName('name'), {
      en: 'A name, in Chinese, pinyin or English',
      zh: '姓名（中文、拼音或英文）',
    })
      .setRequired(true)
      .setMaxLength(MAX_CHOICE_CHARS)
      .setAutocomplete(true),
  )
  .addBooleanOption(privateOption);

export default {
  kind: 'slash',
  data,
  async execute(interaction, ctx) {
    const name = tidyQuestion(interaction.options.getString('name', true));
    const ephemeral = interaction.options.getBoolean('private') ?? false;
    if (!name) {
      ctx.metrics.question('person', 'refused');
      const lang = langFor(null, interaction.locale, ctx.defaultLang);
      return respond(interaction, renderNotice(ui(lang).emptyPerson), { ephemeral: true });
    }
    const found = await ctx.metrics.timed(
      'person',
      () => Promise.resolve(ctx.engine.person(name)),
      (answer) => (answer.person ? 'answered' : 'abstained'),
    );
    await respond(interaction, renderPerson(found), { ephemeral });
  },
  async autocomplete(interaction, ctx) {
    const focused = interaction.options.getFocused();
    const choices = ctx.engine
      .suggestPeople(focused, MAX_CHOICES)
      .slice(0, MAX_CHOICES)
      // A value longer than 100 would make Discord reject the whole list.
      .filter((c) => c.value.length > 0 && c.value.length <= MAX_CHOICE_CHARS)
      .map((c) => ({ name: shorten(c.name, MAX_CHOICE_CHARS), value: c.value }));
    await interaction.respond(choices);
  },
} satisfies SlashCommand;
