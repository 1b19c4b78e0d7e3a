/**
 * The one entry point for interactions: slash commands, message commands, autocomplete, buttons
 * and forms. Expected problems get friendly notices; anything else is logged with an error id the
 * user sees.
 */
import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  MessageContextMenuCommandInteraction,
  Interaction,
  RepliableInteraction,
} from 'discord.js';
import { ui } from '../render/i18n.js';
import { renderNotice } from '../render/discord.js';
import { handleButton } from './buttons.js';
import type { BotContext, Command } from './context.js';
import { handleFailure } from './errors.js';
import { handleFeedbackButton, handleFeedbackForm } from './feedback.js';
import { langFor } from './questions.js';
import { respond } from './respond.js';

export async function handleInteraction(
  interaction: Interaction,
  ctx: BotContext,
  commands: ReadonlyMap<string, Command>,
): Promise<void> {
  if (interaction.isAutocomplete()) return handleAutocomplete(interaction, ctx, commands);
  if (!interaction.isRepliable()) return;
  try {
    if (interaction.isChatInputCommand()) {
      const command = commands.get(interaction.commandName);
      if (command?.kind === 'slash') await command.execute(interaction, ctx);
      else await unknownCommand(interaction, ctx);
      return;
    }
    if (interaction.isMessageContextMenuCommand()) {
      const command = commands.get(interaction.commandName);
      if (command?.kind === 'message') await command.execute(interaction, ctx);
      else await unknownCommand(interaction, ctx);
      return;
    }
    if (interaction.isButton()) {
      if (!(await handleFeedbackButton(interaction, ctx))) await handleButton(interaction, ctx);
      return;
    }
    if (interaction.isModalSubmit()) await handleFeedbackForm(interaction, ctx);
  } catch (err) {
    await reportFailure(interaction, ctx, err);
  }
}

/** A command Discord still shows but this build does not have (it changed since deploy-commands). */
async function unknownCommand(
  interaction: ChatInputCommandInteraction | MessageContextMenuCommandInteraction,
  ctx: BotContext,
): Promise<void> {
  const lang = langFor(null, interaction.locale, ctx.defaultLang);
  await respond(interaction, renderNotice(ui(lang).unknownCommand), { ephemeral: true });
}

async function reportFailure(
  interaction: RepliableInteraction,
  ctx: BotContext,
  err: unknown,
): Promise<void> {
  const question = interaction.isChatInputCommand()
    ? interaction.options.getString('question')
    : null;
  await handleFailure(ctx.log, err, {
    where: {
      interaction: interaction.isChatInputCommand()
        ? `/${interaction.commandName}`
        : interaction.isMessageContextMenuCommand()
          ? `“${interaction.commandName}” on message ${interaction.targetId}`
          : interaction.type,
      user: interaction.user.id,
      guild: interaction.guildId,
      channel: interaction.channelId,
    },
    lang: langFor(question, interaction.locale, ctx.defaultLang),
    tell: (notice) => respond(interaction, notice, { ephemeral: true }),
  });
}

/** Suggestions must come back within 3 s and never fail loudly: on any problem, no choices. */
async function handleAutocomplete(
  interaction: AutocompleteInteraction,
  ctx: BotContext,
  commands: ReadonlyMap<string, Command>,
): Promise<void> {
  try {
    const command = commands.get(interaction.commandName);
    if (command?.kind === 'slash' && command.autocomplete)
      await command.autocomplete(interaction, ctx);
    else await interaction.respond([]);
  } catch (err) {
    ctx.log.warn({ err, command: interaction.commandName }, 'Autocomplete failed');
    if (!interaction.responded) await interaction.respond([]).catch(() => undefined);
  }
}
